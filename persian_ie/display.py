"""Self-contained HTML for results: what a notebook shows and what :func:`persian_ie.render` saves.

The text reads right to left with its entities highlighted by label (in the spirit of
spaCy's displacy) and event triggers underlined; under it, one card per event gives its
type, status, date, place, participants with their roles, topics and the evidence
sentence. Everything is inline: one ``<style>`` block, no scripts, no external fonts,
stylesheets or images, so it works offline and in a saved file.

Examples:
    >>> import persian_ie
    >>> html = render(persian_ie.extract("زاکانی امروز با سفیر بلاروس دیدار کرد.", published="1404-08-19"))
    >>> html.startswith("<!DOCTYPE html>"), 'dir="rtl"' in html, "<script" in html
    (True, True, False)
"""

from __future__ import annotations

import html as _html
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

if TYPE_CHECKING:  # pragma: no cover
    from .result import Result

__all__ = ["render", "LABEL_COLORS", "EVENT_TYPE_NAMES", "STATUS_NAMES"]

#: Background colour of each entity label.
LABEL_COLORS: Dict[str, str] = {
    "PER": "#ffd9c7", "ORG": "#c9e4ff", "LOC": "#d3f2c4", "FAC": "#e3d8ff", "EVENT": "#ffe9a8",
    "PRODUCT": "#f6d0ef", "DATE": "#c8f0ea", "TIME": "#d9ecd6", "MONEY": "#f0e0c0", "PERCENT": "#e9e9c9",
    "ROLE": "#ffe3b3",
}
_DEFAULT_COLOR = "#e6e6e6"

#: Persian names of the event types shown on the cards.
EVENT_TYPE_NAMES: Dict[str, str] = {
    "meeting": "دیدار", "visit": "سفر و بازدید", "phone_call": "تماس تلفنی", "agreement": "توافق و تفاهم‌نامه",
    "working_group": "کارگروه", "proposal": "پیشنهاد",
}
#: Persian names of the statuses.
STATUS_NAMES: Dict[str, str] = {"occurred": "انجام‌شده", "planned": "برنامه‌ریزی‌شده", "proposed": "پیشنهادی"}
_STATUS_COLORS = {"occurred": "#2e7d32", "planned": "#1565c0", "proposed": "#8e24aa"}

_CSS = """
.pie{direction:rtl;text-align:right;unicode-bidi:isolate;font-family:Vazirmatn,"Noto Naskh Arabic","Noto Sans Arabic",Tahoma,"DejaVu Sans",sans-serif;
 color:#1f2328;background:#fff;line-height:1.9;font-size:15px;max-width:60em;margin:0 0 1.2em 0;padding:.8em 1em;border:1px solid #d0d7de;border-radius:8px}
.pie *{box-sizing:border-box}
.pie-head{display:flex;flex-wrap:wrap;gap:.4em 1.2em;align-items:baseline;font-size:13px;color:#57606a;margin-bottom:.4em}
.pie-head b{color:#1f2328}
.pie-ltr{direction:ltr;unicode-bidi:isolate;display:inline-block}
.pie-text{white-space:pre-wrap;overflow-wrap:anywhere;padding:.5em .2em;border-top:1px solid #eaeef2;border-bottom:1px solid #eaeef2}
.pie-scroll{overflow-y:auto}
.pie-ent{padding:.05em .25em;border-radius:.35em;line-height:2.1;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.pie-lab{font:600 9.5px/1 "DejaVu Sans Mono",monospace;direction:ltr;unicode-bidi:isolate;vertical-align:middle;
 margin-inline-start:.3em;padding:.15em .3em;border-radius:.3em;background:rgba(255,255,255,.65);color:#3b3b3b}
.pie-trig{text-decoration:underline 2px #cf222e;text-underline-offset:.35em;font-weight:600}
.pie-legend{display:flex;flex-wrap:wrap;gap:.3em;margin:.4em 0;font-size:12px}
.pie-legend span{padding:0 .4em;border-radius:.3em;direction:ltr;unicode-bidi:isolate}
.pie-cards{display:flex;flex-wrap:wrap;gap:.7em;margin-top:.8em}
.pie-card{flex:1 1 20em;max-width:30em;border:1px solid #d0d7de;border-inline-start:4px solid var(--pie-accent,#57606a);
 border-radius:6px;padding:.5em .8em;background:#f6f8fa;font-size:14px;line-height:1.7}
.pie-card h4{margin:0 0 .3em 0;font-size:15px;display:flex;gap:.5em;align-items:baseline;flex-wrap:wrap}
.pie-code{font:12px/1.4 "DejaVu Sans Mono",monospace;color:#57606a;direction:ltr;unicode-bidi:isolate}
.pie-badge{font-size:12px;color:#fff;border-radius:1em;padding:0 .6em;background:var(--pie-accent,#57606a)}
.pie-row{margin:.15em 0}
.pie-key{display:block;color:#57606a;font-size:11.5px;line-height:1.5}
.pie-card ul{margin:0;padding-inline-start:1.1em}
.pie-chip{display:inline-block;background:#fff;border:1px solid #d0d7de;border-radius:1em;padding:0 .55em;margin:.1em 0 .1em .25em;font-size:13px}
.pie-ev{color:#57606a;font-size:13px;border-top:1px dashed #d0d7de;margin-top:.3em;padding-top:.2em}
.pie-muted{color:#8c959f}
"""


def _esc(text: str) -> str:
    return _html.escape(text, quote=True)


def _key(english: str, persian: str) -> str:
    return f"{persian} · {_ltr(english)}"


def _count(n: int, word: str) -> str:
    plural = "entities" if word == "entity" else word + "s"
    return f"{n} {word if n == 1 else plural}"


def _ltr(text: str) -> str:
    return f'<span class="pie-ltr">{_esc(text)}</span>'


def _pieces(text: str, entities: Sequence[Any], triggers: Sequence[Any]) -> List[Tuple[int, int, str, Optional[str]]]:
    """Non-overlapping highlighted stretches ``(start, end, kind, label)``: entities first
    (longer first where they overlap, as displacy shows one reading), then triggers."""
    chosen: List[Tuple[int, int, str, Optional[str]]] = []
    taken: List[Tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    n = len(text)
    for ent in sorted(entities, key=lambda e: (-(e.end - e.start), e.start)):
        if 0 <= ent.start < ent.end <= n and free(ent.start, ent.end):
            chosen.append((ent.start, ent.end, "ent", ent.label))
            taken.append((ent.start, ent.end))
    for trig in triggers:
        if 0 <= trig.start < trig.end <= n and free(trig.start, trig.end):
            chosen.append((trig.start, trig.end, "trig", None))
            taken.append((trig.start, trig.end))
    chosen.sort()
    return chosen


def _text_html(text: str, entities: Sequence[Any], triggers: Sequence[Any]) -> str:
    out: List[str] = []
    pos = 0
    for start, end, kind, label in _pieces(text, entities, triggers):
        out.append(_esc(text[pos:start]))
        piece = _esc(text[start:end])
        if kind == "ent":
            color = LABEL_COLORS.get(label or "", _DEFAULT_COLOR)
            out.append(f'<mark class="pie-ent" style="background:{color}" title="{_esc(label or "")}">{piece}'
                       f'<span class="pie-lab">{_esc(label or "")}</span></mark>')
        else:
            out.append(f'<span class="pie-trig" title="event trigger">{piece}</span>')
        pos = end
    out.append(_esc(text[pos:]))
    return "".join(out)


def _date_html(value: Any) -> str:
    if value is None:
        return '<span class="pie-muted">—</span>'
    parts = [_esc(value.text)]
    if value.jalali:
        parts.append(_ltr(value.jalali))
        if value.gregorian:
            parts.append(_ltr(f"({value.gregorian})"))
    else:
        parts.append('<span class="pie-muted">(unresolved)</span>')
    return " ".join(parts)


def _participant_html(p: Any) -> str:
    bits = []
    if p.name is not None:
        bits.append(f"<b>{_esc(p.name.text)}</b>")
    if p.role is not None:
        bits.append(_esc(p.role.text))
    if p.organization is not None:
        bits.append(_esc(p.organization.text))
    line = " — ".join(bits) if bits else '<span class="pie-muted">?</span>'
    if p.country:
        line += f' <span class="pie-chip">{_esc(p.country)}</span>'
    return f"<li>{line}</li>"


def _evidence(text: Optional[str], event: Any, width: int = 110) -> str:
    if not text:
        return ""
    s, e = event.sentence.start, event.sentence.end
    ts, te = event.trigger.start, event.trigger.end
    if not (0 <= s <= ts <= te <= e <= len(text)):
        return ""
    left = text[max(s, ts - width):ts]
    right = text[te:min(e, te + width)]
    pre = "…" if ts - width > s else ""
    post = "…" if te + width < e else ""
    return (f'<div class="pie-ev">{pre}{_esc(left)}<span class="pie-trig">{_esc(text[ts:te])}</span>'
            f'{_esc(right)}{post}</div>')


def _card_html(event: Any, n: int, text: Optional[str]) -> str:
    accent = _STATUS_COLORS.get(event.status, "#57606a")
    rows = [
        f'<h4>{_esc(EVENT_TYPE_NAMES.get(event.type, event.type))} <span class="pie-code">{_esc(event.type)} #{n}</span>'
        f'<span class="pie-badge">{_esc(STATUS_NAMES.get(event.status, event.status))}</span>'
        f'<span class="pie-code">{_esc(event.status)} · {float(event.confidence):.2f}</span></h4>',
        f'<div class="pie-row"><span class="pie-key">{_key("date", "تاریخ")}</span><span>{_date_html(event.date)}</span></div>',
    ]
    if event.location is not None:
        rows.append(f'<div class="pie-row"><span class="pie-key">{_key("place", "مکان")}</span>'
                    f'<span>{_esc(event.location.text)}</span></div>')
    people = "".join(_participant_html(p) for p in event.participants) or '<li class="pie-muted">—</li>'
    rows.append(f'<div class="pie-row"><span class="pie-key">{_key("participants", "طرف‌ها")}</span><ul>{people}</ul></div>')
    if event.topics:
        chips = "".join(f'<span class="pie-chip" title="{_esc(t.category)}">{_esc(t.text)} '
                        f'<span class="pie-code">{_esc(t.category)}</span></span>' for t in event.topics)
        rows.append(f'<div class="pie-row"><span class="pie-key">{_key("topics", "موضوع‌ها")}</span><span>{chips}</span></div>')
    rows.append(_evidence(text, event))
    return f'<div class="pie-card" style="--pie-accent:{accent}">{"".join(rows)}</div>'


def _result_html(result: "Result", max_height: Optional[str]) -> str:
    text = result.text
    head = []
    if result.id is not None:
        head.append(f"<span>id <b>{_ltr(str(result.id))}</b></span>")
    title = result.meta.get("title")
    if isinstance(title, str) and title:
        head.append(f"<span><b>{_esc(title)}</b></span>")
    if result.published is not None:
        head.append(f"<span>published · انتشار <b>{_ltr(result.published.isoformat())}</b> "
                    f"{_ltr('(' + result.published.togregorian().isoformat() + ')')}</span>")
    counts = " · ".join(_count(len(items), word) for items, word in
                        ((result.entities, "entity"), (result.dates, "date"), (result.events, "event")))
    head.append(f"<span>{_ltr(counts)}</span>")
    labels = sorted({e.label for e in result.entities if e.label}, key=lambda x: list(LABEL_COLORS).index(x)
                    if x in LABEL_COLORS else 99)
    legend = "".join(f'<span style="background:{LABEL_COLORS.get(lab, _DEFAULT_COLOR)}">{_esc(lab)}</span>'
                     for lab in labels)
    parts = [f'<div class="pie-head">{"".join(head)}</div>']
    if legend:
        parts.append(f'<div class="pie-legend">{legend}<span class="pie-trig">trigger</span></div>')
    if text is not None:
        style = f' style="max-height:{_esc(max_height)}"' if max_height else ""
        scroll = " pie-scroll" if max_height else ""
        body = _text_html(text, result.entities, [ev.trigger for ev in result.events])
        parts.append(f'<div class="pie-text{scroll}"{style}>{body}</div>')
    else:
        names = "".join(f'<span class="pie-ent" style="background:{LABEL_COLORS.get(e.label or "", _DEFAULT_COLOR)}">'
                        f'{_esc(e.text)}<span class="pie-lab">{_esc(e.label or "")}</span></span> '
                        for e in result.entities)
        parts.append(f'<div class="pie-text"><span class="pie-muted">(text not saved with this record)</span> {names}</div>')
    if result.events:
        cards = "".join(_card_html(ev, n, text) for n, ev in enumerate(result.events))
        parts.append(f'<div class="pie-cards">{cards}</div>')
    return f'<div class="pie" dir="rtl" lang="fa">{"".join(parts)}</div>'


def render(results: Union["Result", Mapping[str, Any], Iterable[Any]], *, page: bool = True,
           max_height: Optional[str] = "28em", title: str = "persian_ie") -> str:
    """HTML for one result or many (``Result`` objects or saved result dicts).

    Args:
        results: what :func:`persian_ie.extract` or ``Pipeline.pipe`` returned, or saved JSON dicts.
        page: a whole page (``<!DOCTYPE html>``, UTF-8 declared) to write to a file; False
            gives the fragment a notebook shows (``Result._repr_html_``).
        max_height: CSS height past which a long text scrolls inside its box; None shows it whole.
        title: the page's title.

    Examples:
        >>> import persian_ie
        >>> fragment = render(persian_ie.extract("سفیر بلاروس با زاکانی دیدار کرد."), page=False)
        >>> fragment.startswith("<style>"), 'class="pie-card"' in fragment
        (True, True)
    """
    from .tables import as_results

    body = f"<style>{_CSS}</style>" + "".join(_result_html(r, max_height) for r in as_results(results))
    if not page:
        return body
    return ('<!DOCTYPE html>\n<html lang="fa" dir="rtl"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_esc(title)}</title></head><body style=\"margin:1em;background:#fff\">{body}</body></html>\n")
