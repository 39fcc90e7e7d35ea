"""Shipped data files (lexicons, gazetteers, trained models). Data only."""
