"""ROLE entities: titles that identify participants, at full extent, and their link
to the person they name.

A role phrase is a title from ``role_titles.txt`` followed by what it is *of* and
*where*: places and organizations (``شهردار تهران``, ``مدیرعامل شرکت X``), a
ministry (``وزیر امور خارجه``), further titles and modifiers (``معاون سیاسی امنیتی
استاندار کهگیلویه و بویراحمد``, ``سفیر جدید برزیل``), a demonym (``همتای روس``), an
anaphoric possessor (``همتای عمانی خود``, ``وزیر دفاع این کشور``, ``وزیر امور خارجه
کشورمان``) and, for envoys and representatives, ``در`` + a place (``سفیر بلاروس در
تهران``, ``نماینده مردم شیراز در مجلس``).

:func:`link_roles` connects a role to an apposed name in either order, with a comma,
a parenthesis or guillemets between them (``علیرضا زاکانی، شهردار تهران``,
``سفیر بلاروس در تهران «دیمتری کالتسوف»``) and stores the link both ways:
``role.attrs["person"]`` and ``person.attrs["role"]``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Dict, List, Optional, Sequence, Tuple

from ..document import Span
from .gazetteer import Entry, Gazetteer, TokenTrie, TokenView, gazetteer, phrase_units

__all__ = ["RoleMatch", "find_roles", "link_roles", "ANAPHORS"]

# possessors that end a role phrase
_COUNTRY_ANAPHORS = ("این کشور", "آن کشور", "کشورمان", "کشور ما", "کشور متبوع خود", "کشور متبوع",
                     "این کشورها", "دو کشور", "میهنمان", "این سازمان", "این نهاد", "این شرکت",
                     "این وزارتخانه", "این دانشگاه", "این شهر", "این استان")
_PERSON_ANAPHORS = ("خود", "او", "وی", "ایشان", "خویش", "آنها", "آنان", "شان")
ANAPHORS = _COUNTRY_ANAPHORS + _PERSON_ANAPHORS

_NON_FINAL = {"امور", "شورای", "حوزه", "بخش", "شاخه", "اداره", "اداره کل", "قوه", "هیئت"}
_POSSESSED_TITLES = {"مشاور", "دستیار", "معاون", "جانشین", "سخنگو", "سخنگوی", "همسر", "فرزند", "پسر", "دختر"}
_SEPARATORS_AFTER_ROLE = {"،", ",", "«", "(", ":", "-", "\"", "“"}
_SEPARATORS_BEFORE_ROLE = {"،", ",", "»", "(", "-", "\"", "”"}


class RoleMatch:
    """A role phrase over units ``[start, end)``; ``title`` is the head entry."""

    __slots__ = ("start", "end", "title", "title_end")

    def __init__(self, start: int, end: int, title: Entry, title_end: int):
        self.start, self.end, self.title, self.title_end = start, end, title, title_end

    def __repr__(self) -> str:
        return f"RoleMatch({self.start}, {self.end}, {self.title.canonical!r})"


def _anaphor_tries() -> Tuple[TokenTrie, TokenTrie]:
    global _ANA
    if _ANA is None:
        country, person = TokenTrie(), TokenTrie()
        for phrase in _COUNTRY_ANAPHORS:
            country.add_units(phrase_units(phrase), Entry("ANAPHOR", "country", phrase))
        for phrase in _PERSON_ANAPHORS:
            person.add_units(phrase_units(phrase), Entry("ANAPHOR", "person", phrase))
        _ANA = (country, person)
    return _ANA


_ANA: Optional[Tuple[TokenTrie, TokenTrie]] = None


def find_roles(view: TokenView, entities: Dict[int, Tuple[int, str]],
               gaz: Optional[Gazetteer] = None, blocked: Sequence[bool] = ()) -> List[RoleMatch]:
    """Role phrases in ``view``.

    Args:
        view: the document's units.
        entities: known LOC/ORG/… spans by start unit: ``{start: (end, label)}``; a role
            may swallow them as its complement (``شهردار`` + LOC ``تهران``).
        blocked: per unit, True where a role may not start (inside a PER span).
    """
    gaz = gaz or gazetteer()
    country_ana, person_ana = _anaphor_tries()
    n = len(view)
    out: List[RoleMatch] = []
    i = 0  # the first unit a role may start at
    for start in gaz.titles.starts(view):  # (longest_at is None at every other unit)
        if start < i:
            continue
        i = start
        if blocked and blocked[i]:
            i += 1
            continue
        hit = gaz.titles.longest_at(view, i)
        if hit is None or (i in entities and entities[i][0] > hit[0]):
            i += 1
            continue
        title_end, title = hit
        flags = set(title.kind)
        sent = view.sent[i]
        j = last = title_end
        used_dar = False
        has_org = False  # «رئیس دفتر سیاسی حماس در نوار غزه»: an organization's branch may be placed
        prev = "TITLE"
        while j < n and view.sent[j] == sent:
            if blocked and blocked[j]:
                break
            if j in entities and entities[j][1] in ("LOC", "ORG", "FAC", "EVENT") and prev not in ("ENT", "REF"):
                if entities[j][1] == "ORG":
                    has_org = True
                j = last = entities[j][0]
                prev = "ENT"
                continue
            if j in entities and entities[j][1] == "FIELD" and "m" in flags and prev in ("TITLE", "MOD"):
                j = last = entities[j][0]  # a field the tagger found: «وزیر [مسکن]», «وزیر سابق [خارجه مصر]»
                prev = "MINISTRY"
                continue
            m = gaz.ministries.longest_at(view, j) if ("m" in flags and prev == "TITLE") else None
            if m is not None:
                j = last = m[0]
                prev = "MINISTRY"
                continue
            t = gaz.titles.longest_at(view, j)
            if t is not None:
                flags = set(t[1].kind)
                j = last = t[0]
                prev = "TITLE"
                continue
            d = gaz.demonyms.longest_at(view, j)
            if d is not None:
                j = last = d[0]
                prev = "DEMONYM"
                continue
            r = gaz.refs.longest_at(view, j)
            if r is not None:
                j = last = r[0]
                prev = "REF"
                continue
            a = country_ana.longest_at(view, j)
            if a is None and "a" in flags:
                a = person_ana.longest_at(view, j)
            if a is not None:
                j = last = a[0]
                break
            mod = gaz.modifiers.longest_at(view, j)
            if mod is not None:
                j = mod[0]
                if mod[1].canonical not in _NON_FINAL and view.keys[j - 1] != "شورای":
                    last = j  # «امور», «شورای» need what follows: «مدیر امور» is no role
                prev = "MOD"
                continue
            key = view.keys[j]
            if key == "در" and ("l" in flags or has_org and prev == "ENT") and not used_dar and j + 1 < n:
                k = j + 1
                if k in entities and (entities[k][1] == "LOC" or entities[k][1] == "ORG" and "l" in flags):
                    j = last = entities[k][0]
                    used_dar = True
                    prev = "ENT"
                    continue
                if view.keys[k] == "مجلس":
                    j = last = k + 1
                    used_dar = True
                    prev = "MOD"
                    continue
                break
            if key == "و" and prev in ("MINISTRY", "MOD") and j + 1 < n:
                more = _after_and(view, gaz, j + 1, prev)
                if more is not None:  # «وزیر کار و امور اجتماعی», «معاون سیاسی و امنیتی»
                    j = last = more
                    continue
            if key == "و" and prev == "ENT" and j + 1 < n and (j + 1) in entities \
                    and entities[j + 1][1] == "LOC":
                j = last = entities[j + 1][0]
                continue
            break
        if last > title_end or "s" in title.kind:
            # do not end a role on a bare modifier that is really the next clause (rare)
            out.append(RoleMatch(i, last, title, title_end))
            i = last
        else:
            i = title_end
    return out


def _after_and(view: TokenView, gaz: Gazetteer, k: int, prev: str) -> Optional[int]:
    """After «و» in a role: another ministry (after a ministry) or a run of modifiers
    that ends on one that may end a role (``امور اجتماعی``, ``امنیتی``); its end unit."""
    if prev == "MINISTRY":
        m = gaz.ministries.longest_at(view, k)
        if m is not None:
            return m[0]
    end = None
    n = len(view)
    while k < n:
        if gaz.titles.longest_at(view, k) is not None:
            break
        mod = gaz.modifiers.longest_at(view, k)
        if mod is None:
            break
        k = mod[0]
        if mod[1].canonical not in _NON_FINAL:
            end = k
    return end


#: tokens between a role and a person that :func:`link_roles` needs to see (it links
#: across at most two separators), so ``tokens_between`` may stop after this many
BETWEEN_LIMIT = 3


def link_roles(tokens_between: "callable", roles: Sequence[Span], persons: Sequence[Span]) -> List[Tuple[Span, Span]]:
    """Link each role to an apposed person (role then name, or name then role).

    ``tokens_between(a, b)`` returns the normalized tokens strictly between span ``a``
    (which ends first) and span ``b`` (the first :data:`BETWEEN_LIMIT` of them are
    enough). A role takes the person right after it
    (separators ``،`` ``«`` ``(`` ``:`` allowed between), else the one right before it
    (``،`` ``»`` ``(`` allowed). Links are stored in ``attrs`` both ways; the pairs
    are returned.
    """
    pairs: List[Tuple[Span, Span]] = []
    persons = sorted(persons, key=lambda s: s.start)
    starts = [p.start for p in persons]
    ends = [p.end for p in persons]
    ends_sorted = all(a <= b for a, b in zip(ends, ends[1:]))  # disjoint names: found by bisection
    linked_persons = set()
    # role followed by name
    for role in sorted(roles, key=lambda s: s.start):
        k = bisect_left(starts, role.end)
        for per in persons[k:k + 1]:  # the first name after the role
            between = tokens_between(role, per)
            title = role.attrs.get("title")
            if not between and (title in ("همتا", "همتایان") or role.attrs.get("bare") and title in _POSSESSED_TITLES):
                break  # «همتای ازبکستانی پامپئو», «مشاور ظریف»: the name is the possessor
            if between is not None and len(between) <= 2 and all(t in _SEPARATORS_AFTER_ROLE for t in between):
                if id(per) not in linked_persons:
                    _link(role, per, pairs)
                    linked_persons.add(id(per))
            break
    # name followed by role
    for role in sorted(roles, key=lambda s: s.start):
        if "person" in role.attrs:
            continue
        if ends_sorted:
            k = bisect_right(ends, role.start)
            before = persons[k - 1:k]
        else:
            before = [p for p in persons if p.end <= role.start]
        if not before:
            continue
        per = before[-1]
        if id(per) in linked_persons:
            continue
        between = tokens_between(per, role)
        if between is not None and len(between) <= 2 and all(t in _SEPARATORS_BEFORE_ROLE for t in between):
            _link(role, per, pairs)
            linked_persons.add(id(per))
    return pairs


def _link(role: Span, per: Span, pairs: List[Tuple[Span, Span]]) -> None:
    role.attrs["person"] = per
    per.attrs["role"] = role
    pairs.append((role, per))
