"""The shipped JSON Schema: it is a valid schema, real outputs satisfy it, and it rejects
what the contract forbids."""

import copy
import json
from pathlib import Path

import pytest

import persian_ie
from persian_ie.schema import check_offsets, result_schema, validate

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "dev_news"
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "events").glob("*.txt")) + [ROOT / "examples" / "seed_article.txt"]


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(result_schema())


def test_schema_is_shipped_inside_the_package():
    from importlib import resources

    assert (resources.files("persian_ie") / "resources" / "schema" / "result.schema.json").is_file()


@pytest.fixture(scope="module")
def nlp():
    return persian_ie.Pipeline()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_repository_texts_validate(nlp, path):
    text = path.read_text(encoding="utf-8")
    data = nlp(text, "1404-08-19", id=path.stem).to_dict()
    validate(data)
    assert check_offsets(data, text) == []
    validate(json.loads(json.dumps(dict(data, url="https://example.org/x", text=text))))  # pass-through keys


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/data/dev_news is absent (the corpus lives beside the repository)")
def test_every_dev_article_validates(nlp):
    gold = {}
    for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            gold[str(record["id"])] = record.get("publication_date_jalali")
    articles = sorted((DEV / "articles").glob("*.txt"))
    assert len(articles) >= 60
    problems = {}
    for path in articles:
        text = path.read_text(encoding="utf-8")
        data = nlp(text, gold.get(path.stem), id=path.stem).to_dict()
        errors = [f"{e.json_path}: {e.message}" for e in
                  jsonschema.Draft202012Validator(result_schema()).iter_errors(data)]
        errors += [f"{p}: offsets" for p in check_offsets(data, text)]
        if errors:
            problems[path.stem] = errors[:3]
    assert problems == {}


@pytest.fixture(scope="module")
def seed_dict(nlp):
    text = (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")
    return text, nlp(text, "1404-08-19").to_dict()


@pytest.mark.parametrize("mutate, where", [
    (lambda d: d["events"][0].update(type="party"), "type"),
    (lambda d: d["events"][0].update(status="maybe"), "status"),
    (lambda d: d["events"][0]["participants"].append(
        {"name": None, "role": None, "organization": None, "country": "ایران"}), "participants"),
    (lambda d: d["entities"][0].update(label="PERSON"), "label"),
    (lambda d: d["entities"][0].pop("normalized"), "normalized"),
    (lambda d: d["dates"][0].update(jalali="19 Aban"), "jalali"),
    (lambda d: d["events"][0]["trigger"].update(start=-1), "start"),
    (lambda d: d["events"][0].update(confidence=1.5), "confidence"),
    (lambda d: d.update(published={"jalali": "1404-08"}), "published"),
    (lambda d: d["events"][0]["trigger"].update(extra=1), "extra"),
])
def test_schema_rejects_contract_violations(seed_dict, mutate, where):
    data = copy.deepcopy(seed_dict[1])
    validate(data)
    assert data["events"] and data["entities"] and data["dates"]
    mutate(data)
    with pytest.raises(jsonschema.ValidationError) as caught:
        validate(data)
    assert where in caught.value.json_path or where in caught.value.message


def test_check_offsets_finds_a_moved_span(seed_dict):
    text, data = seed_dict[0], copy.deepcopy(seed_dict[1])
    data["events"][0]["trigger"]["start"] += 1
    assert check_offsets(data, text) == ["$.events[0].trigger"]
