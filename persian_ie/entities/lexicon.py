"""Common-word knowledge for the entities stage's rules, from hazm's lexicon.

The rules need to tell a name from an ordinary word: «زاکانی» may be a surname,
«نوشته‌اند» is a verb, «اصلی» an adjective, «این» a function word. :class:`CommonWords`
answers these questions from hazm's ``words.dat`` (tags and frequencies, shared with
the ZWNJ repairer) and ``stopwords.dat``.

>>> lex = CommonWords.get()
>>> lex.is_verbish("نوشته\u200cاند"), lex.is_common("تشکیل"), lex.is_common("زاکانی")
(True, True, False)
"""

from __future__ import annotations

import re

import threading
from typing import Optional

from .. import _resources
from ..zwnj import GluedWordRepairer, hazm_data_path
from .gazetteer import gazetteer
from .wordlists import stage_words

__all__ = ["CommonWords"]

#: hazm lexicon tags of words that are not names on their own
_COMMON_TAGS = {"AJ", "ADV", "PRO", "DET", "P", "CONJ", "NUM", "POSTP", "PREP", "AJC", "CL", "INT", "PS", "PL"}
_STRICT_FUNCTION_TAGS = {"P", "CONJ", "PRO", "DET", "POSTP", "PREP"}
#: what may stand before «می‌» in a verb: nothing, the negation, a verbal prefix (برمی‌گرداند)
_VERB_PREFIXES_MI = ("", "ن", "بر", "در", "باز", "فرا", "فرو", "وا", "پس", "پیش", "بر\u200c", "در\u200c")
_FUNCTION_TAGS = {"CL", "P", "CONJ", "PRO", "DET", "NUM", "ADV", "POSTP", "PREP", "INT", "PS", "PL"}


#: how many tokens' light-verb answers are kept (each costs ~40 prefix x stem tries)
_LIGHT_CACHE_MAX = 100_000

# possessive endings, written joined or after a half-space (the half-space is dropped before the stem)
_POSSESSIVE = ("\u200cاش", "شان", "ش", "مان", "تان")
_FUTURE_AUX = frozenset({"خواهم", "خواهی", "خواهد", "خواهیم", "خواهید", "خواهند"})


def _hamza_form(tok: str) -> "str | None":
    """``tok`` with «ای»/«یو» between letters written with «ئ» («ارایه» → «ارائه»,
    «مسیول» → «مسئول»), or None when it has neither."""
    out = re.sub(r"(?<=\w)ای(?=[هن])", "ائ", tok)
    out = re.sub(r"(?<=\w)یو(?=\w)", "ئو", out)
    return out if out != tok else None


#: light verbs' stems (past, present) and endings, for :meth:`CommonWords.is_light_verb`
_LIGHT_PAST = ("کرد", "شد", "داد", "نمود", "گردید", "داشت", "گرفت")
_LIGHT_PRESENT = ("کن", "شو", "ده", "نما", "گرد", "گیر")  # not «دار»: «جناب [زمانی] نداریم»
_PAST_ENDINGS = ("", "م", "یم", "ند", "ه")  # not «ید», «ی»: «شدید», «کردی» are adjectives
_PRESENT_ENDINGS = ("", "م", "د", "یم", "ید", "ند", "ی")


class CommonWords:
    """Common-word knowledge from hazm's lexicon (shared with the ZWNJ repairer).

    ``words``: word → hazm tags; ``freq``: word → corpus frequency; ``verbs``: verb
    forms; ``stop``: stop words. Built once per process (:meth:`get`).
    """

    _inst: Optional["CommonWords"] = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        rep = GluedWordRepairer.default()
        self.words = rep.words
        self.freq = rep.freq
        self.verbs = rep.verb_forms
        self._stage = stage_words()
        self._light: dict = {}  # token -> is_light_verb (a pure function of the token; bounded)
        try:
            with open(hazm_data_path("stopwords.dat"), encoding="utf-8") as fh:
                self.stop = {w.strip().replace("ي", "ی").replace("ك", "ک") for w in fh if w.strip()}
        except (OSError, RuntimeError):
            self.stop = set()

    @property
    def not_names(self) -> frozenset:
        """Words labeled text uses as ordinary words and almost never in a person's name
        (``gazetteers/words_not_names.txt``, built by ``scripts/build_words_not_names.py``
        from the NER corpora's training splits: «بیماران», «اینترنتی», «درخصوص», «موثر»);
        loaded on first use, stored normalized."""
        words = self.__dict__.get("_not_names")
        if words is None:
            words = frozenset(_resources.read_lines("gazetteers/words_not_names.txt"))
            self.__dict__["_not_names"] = words
        return words

    @classmethod
    def get(cls) -> "CommonWords":
        if cls._inst is None:
            with cls._lock:
                if cls._inst is None:
                    cls._inst = cls()
        return cls._inst

    def is_verbish(self, tok: str) -> bool:
        """A verb form: «نوشته‌اند», «برمی‌گرداند», «نمی‌رود», «نخواهد», «بگوید».

        Only where the parts are verb parts: a surname that merely ends in «‌ای» or
        contains «می‌» (خامنه‌ای، کریمی‌نیا) is not a verb."""
        if "\u200c" in tok:
            if self._mi_verb(tok):
                return True  # می‌رود، نمی‌رود، برمی‌گرداند
            stem, _, clitic = tok.rpartition("\u200c")
            if ("\u200c" + clitic) in self._stage.verb_clitic and stem in self.verbs:
                return True  # نوشته‌اند، گفته‌ام
        if tok.startswith(("نمی", "می")) and "\u200c" not in tok:
            for prefix in ("نمی", "می"):
                if tok.startswith(prefix) and tok[len(prefix):] in self.verbs and tok not in self.words:
                    return True  # میرود (the half-space left out)
        untagged = self.words.get(tok) is None or self.words.get(tok) == "0" and tok.endswith(("ه", "د"))
        if tok[:1] in ("ن", "ب") and untagged and len(tok) >= 4 and tok[1:] in self.verbs \
                and (tok[1:] in self.words and self.words[tok[1:]] != "N" or tok[1:5] == "خواه"
                     or tok.endswith(("یم", "ید", "ند", "د", "ه")) or tok.endswith("ت") and self.words.get(tok[1:]) is None):
            return True  # نکرد، نخواست، نگذاشت، بگوید، نخواهد، نداریم، برسد، نبوده (but not «نیازی», «نیوز»: «یوز» is a noun)
        if tok[:2] in ("نی", "بی") and self.words.get(tok) in (None, "0") and len(tok) >= 5 and tok[2] == "ا" \
                and "آ" + tok[3:] in self.verbs and not tok.endswith("ی"):
            return True  # «نیامدند», «بیاید»: «ی» before a verb that starts with «آ»
        if tok[:1] == "ن" and tok[1:] in self._stage.light_verb:
            return True  # a light verb negated: «[شرکت] نکرده», «[بررسی] نشده»
        for prefix in ("بر", "در", "باز", "فرا", "فرو", "وا"):  # «برداشتند», «درآوردند» (not «برداشت» the noun)
            if tok.startswith(prefix) and tok.endswith(("ند", "ید", "یم")) and tok not in self.words \
                    and tok[len(prefix):] in self.verbs and len(tok) - len(prefix) >= 4:
                return True
        if self.is_joined_future(tok):
            return True
        # a bare verb form; «…ی» forms (2nd person) are rare in news and clash with nouns (نیازی)
        return tok in self.verbs and tok not in self.words and not tok.endswith("ی")

    def is_joined_future(self, tok: str) -> bool:
        """The future auxiliary of a verb with a prefix, written joined to the prefix:
        «بازخواهد [گشت]», «برخواهند [گشت]», «درخواهد [آمد]» (not «درخواست»)."""
        for prefix in ("بر", "در", "باز", "فرا", "فرو", "وا"):
            if tok.startswith(prefix) and tok[len(prefix):] in _FUTURE_AUX and tok not in self.words:
                return True
        return False

    def _mi_verb(self, tok: str) -> bool:
        """«می‌» + a verb form, after nothing, «ن» or a verbal prefix (بر، در، باز …)."""
        start = 0
        while True:
            k = tok.find("می\u200c", start)
            if k < 0:
                return False
            before, after = tok[:k], tok[k + 3:]
            if before in _VERB_PREFIXES_MI and after and (before in ("", "ن") or after in self.verbs):
                return True
            start = k + 1

    def is_tagged(self, tok: str) -> bool:
        """hazm's lexicon lists ``tok`` with a part-of-speech tag («کرد»: yes; an unknown
        surname or an untagged entry: no)."""
        return self.words.get(tok) not in (None, "", "0")

    def is_light_verb(self, tok: str) -> bool:
        """A form of a light verb that makes compound verbs with the noun before it
        (``light_verb`` in ``word_classes.tsv`` and the forms built like them: «کردند»,
        «می‌کرد», «نمی‌شود», «داشتند»): «[تاکید] کرد», «[کاری] کردند», «[ریزش] داشت»."""
        known = self._light.get(tok)
        if known is None:
            known = self._is_light_verb(tok)
            if len(self._light) < _LIGHT_CACHE_MAX:
                self._light[tok] = known
        return known

    def _is_light_verb(self, tok: str) -> bool:
        if tok in self._stage.light_verb:
            return True
        for prefix in ("نمی\u200c", "می\u200c", "نمی", "می", "ن", ""):
            if tok.startswith(prefix):
                rest = tok[len(prefix):]
                for stem in _LIGHT_PAST:
                    if rest.startswith(stem) and rest[len(stem):] in _PAST_ENDINGS:
                        return True
                if prefix:  # a present stem needs its prefix or a personal ending
                    for stem in _LIGHT_PRESENT:
                        if rest.startswith(stem) and rest[len(stem):] in _PRESENT_ENDINGS:
                            return True
                elif any(rest.startswith(stem) and rest[len(stem):] in _PRESENT_ENDINGS[1:] for stem in _LIGHT_PRESENT):
                    return True
        return False

    def is_compound(self, a: str, b: str) -> bool:
        """``a`` and ``b`` written together (with or without a ZWNJ) are one lexicon word
        (tagged, or a plural or derived form of one): «روزنامه نگاران», «اصلاح طلبان»,
        «مونته نگرو». Short parts («ان در») and suffixes written apart («ها», «ای») are not
        compound parts here."""
        if len(a) < 3 or len(b) < 3 or not a.replace("\u200c", "").isalpha() or not b.replace("\u200c", "").isalpha() \
                or b in ("های", "هایی", "ترین"):
            return False
        if (a + "\u200c" + b) in self.words:
            return True  # listed with its ZWNJ, tagged or not («کینه‌توزی»)
        joined = a + b
        return self.is_tagged(joined) or self.is_plural_noun(joined) or self.is_known(joined) \
            or self.is_plural_noun(a + "\u200c" + b)

    def is_untagged_word_form(self, tok: str) -> bool:
        """A word form hazm's lexicon does not tag whose parts it knows well: an adverb in
        «ـاً» with the mark dropped («فعلا», «معمولا», «حدودا»: a frequent stem, and
        labeled text uses the form as a word) or a preposition written joined to a very
        frequent word («درانتخابات», «برعهده»). Never part of a name."""
        if self.is_tagged(tok) or len(tok) < 4:
            return False
        if tok.endswith("ا") and self.is_tagged(tok[:-1]) \
                and self.freq.get(tok[:-1], 0) >= 500_000 and tok in self.not_names:
            return True
        for prefix in ("در", "بر", "با", "از"):
            if tok.startswith(prefix) and self.is_tagged(tok[2:]) \
                    and self.freq.get(tok[2:], 0) >= 1_000_000 and not gazetteer().is_first_name(tok):
                return True
        return False

    def is_known(self, tok: str) -> bool:
        """In the lexicon as a word (not a plausible unknown surname): tagged words, and
        untagged derived words whose stem is a tagged word (اصلی ← اصل); a word written
        with «ی» for the hamza's seat as the lexicon's form («ارایه» ← «ارائه», «مسیول»)."""
        tags = self.words.get(tok)
        hamza = _hamza_form(tok) if tags in (None, "", "0") else None
        if hamza is not None and self.is_tagged(hamza):
            return True
        if tags is None:
            return False
        if tags not in ("", "0"):
            return True
        for suffix in ("ی", "\u200cای", "ای", "ان", "\u200cها", "\u200cهای", "ها", "های"):
            if tok.endswith(suffix) and len(tok) > len(suffix) + 1:
                stem = tok[: -len(suffix)]
                if self.is_tagged(stem) and self.freq.get(stem, 0) >= 100_000 \
                        and not gazetteer().is_first_name(stem):
                    return True
        return False

    def maybe_surname(self, tok: str) -> bool:
        """A lexicon word that may still be a family name: hazm lists many famous names
        as plain nouns (پوتین، نتانیاهو، احمدی‌نژاد); ordinary nouns are usually frequent
        or carry more tags."""
        return self.words.get(tok) == "N" and self.freq.get(tok, 0) < 1_000_000 \
            and not tok.endswith(("ه", "ها", "های", "ات", "ان")) or tok.endswith(self._stage.surname_ending)

    def is_possessed_noun(self, tok: str) -> bool:
        """A frequent noun (or its plural) with a possessive ending («برادرش», «همسرشان»,
        «فرزند‌اش», «کشورمان», «تیم‌مان», «فرزندانشان»): a description of someone or something,
        never part of a name. Words the lexicon lists themselves (دانش، روش، کوروش، قهرمان)
        and first names are not."""
        if self.is_tagged(tok):
            return False
        # «اش» written joined is not the possessive («شاماش» is a name, not «شام‌اش»)
        for suffix in _POSSESSIVE:
            if tok.endswith(suffix) and len(tok) > len(suffix) + 2:
                stem = tok[: -len(suffix)].rstrip("\u200c")
                # a plural in «های» before the ending is no name's end («نیروهایمان», «کشورهایشان»)
                plural = stem.endswith("های") and self._frequent_noun(stem[:-3].rstrip("\u200c"))
                if suffix in ("مان", "تان") and not plural and self._frequent_noun(tok[:-2]):
                    continue  # «مردمان», «متهمان»: a plural, not «مرد» + «مان»
                if suffix in ("مان", "تان") and "\u200c" not in tok and self.freq.get(stem, 0) < 1_000_000 and not plural:
                    continue  # «مانامان», «فریدمان»: family names end so too; «کشورمان» has a very frequent stem
                if (self._frequent_noun(stem) or any(stem.endswith(p) and self._frequent_noun(stem[:-len(p)].rstrip("\u200c"))
                                                     for p in ("ان", "ها", "های"))) and not gazetteer().is_first_name(tok):
                    return True  # «برادرش», «کشورمان», «تیم‌ام», «فرزندانشان»
        return False

    def _frequent_noun(self, tok: str) -> bool:
        tags = self.words.get(tok)
        return bool(tags) and "N" in tags.split(",") and self.freq.get(tok, 0) >= 100_000

    def is_plural_noun(self, tok: str) -> bool:
        """A frequent common noun with a plural ending written joined («نظرهای»،
        «ایثارگران», «ان» only after an agent noun of ``agent_ending`` in
        ``word_classes.tsv``): a group of things or people, never a name. Words the lexicon
        lists themselves and first names are not."""
        if self.is_tagged(tok) or gazetteer().is_first_name(tok):
            return False
        if tok.endswith(("ویان", "ایان")) and self._people_noun(tok[:-3]):
            return True  # «دانشجویان», «نمایندگان» is below
        if tok.endswith(self._stage.surname_ending):
            return False
        for suffix in ("های", "ها", "ان"):
            if tok.endswith(suffix) and len(tok) > len(suffix) + 2:
                stem = tok[: -len(suffix)]
                tags = self.words.get(stem)
                if suffix == "ان" and not stem.endswith(self._stage.agent_ending) and not self._people_noun(stem):
                    continue  # «‌ان» after an agent noun or a frequent noun for people («بیماران»); حسینیان، شعبان are names
                if tags and "N" in tags.split(",") and self.freq.get(stem, 0) >= 50_000 \
                        and not gazetteer().is_first_name(stem):
                    return True
        return False

    def _people_noun(self, stem: str) -> bool:
        """A very frequent noun that is also an adjective, as nouns for people are
        («بیمار», «دانشجو», «پزشک»; not «شعب»)."""
        tags = self.words.get(stem)
        return bool(tags) and {"N", "AJ"} <= set(tags.split(",")) and self.freq.get(stem, 0) >= 500_000

    def is_function(self, tok: str) -> bool:
        """A stop word, verb form or function word (never part of a name)."""
        if tok in self.stop or self.is_verbish(tok):
            return True
        tags = self.words.get(tok)
        if not tags or tags == "0":
            return False
        tagset = set(tags.split(","))
        return "N" not in tagset and bool(tagset & _FUNCTION_TAGS) or bool(tagset & _STRICT_FUNCTION_TAGS)

    def is_common(self, tok: str) -> bool:
        """A common Persian word (not a plausible surname on its own)."""
        if tok in self.stop or self.is_verbish(tok):
            return True
        if "\u200c" in tok:
            head, _, tail = tok.partition("\u200c")
            if tail in ("ها", "های", "هایی", "ای", "ی", "اش", "شان", "ام", "ترین", "تر"):
                return True
        tags = self.words.get(tok)
        if tags is None and tok.endswith("ترین") and self.is_tagged(tok[:-4]):
            return True  # a superlative written joined: «بزرگترین»
        hamza = _hamza_form(tok) if tags in (None, "", "0") else None
        if hamza is not None and self.is_tagged(hamza):
            return self.is_common(hamza)
        if tags is None:
            return False
        if self.freq.get(tok, 0) >= 1_000_000:
            return True
        return bool(set(tags.split(",")) & _COMMON_TAGS)
