"""Why stances of the real-news set are missed: a rough cause for every miss (run by hand).

    python benchmarks/realnews_causes.py [--list]

Needs the team's real-news set and scorer beside the checkout (``../shared/``, or the folder
``GRAPHKIT_SHARED`` names); prints
nothing to measure otherwise. Every gold stance the extractor misses gets the first cause
that applies, read off the sentences its evidence fragments stand in:

- ``wrong type``: graphkit states a stance between the same two actors in one of the
  evidence sentences, of a type (or direction) the gold does not accept;
- ``subject not found`` / ``object not found`` / ``neither found``: no actor mention in the
  evidence sentences resolves to the gold's subject (object) or to a body acting for it;
- ``no trigger``: both actors are named, but no stance of any kind is read from those
  sentences (a trigger missing from the lexicon, or a stance carried by a noun);
- ``attachment``: stances are read from the sentences, but not between these two actors.

Sentences are read one by one, without the article's earlier context, so causes that need
coreference show up as actors not found. This is a diagnostic, not a score.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# GRAPHKIT_SHARED names the folder when the checkout is elsewhere (a git worktree).
SHARED = Path(os.environ.get("GRAPHKIT_SHARED", ROOT.parent / "shared"))
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"])|\n+")


def _scorer() -> ModuleType | None:
    path = SHARED / "tools" / "realnews_score.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("realnews_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sentences_with(text: str, fragment: str) -> list[str]:
    """The sentences of ``text`` that hold (the start of) ``fragment``."""
    found = []
    probe = fragment.strip()[:60]
    for sentence in _SENTENCE_END.split(text):
        if probe and probe in sentence:
            found.append(sentence)
    return found


def main(argv: list[str]) -> int:
    scorer = _scorer()
    if scorer is None:
        print(f"no real-news scorer under {SHARED}: nothing to measure")
        return 0
    from graphkit.extract.actors import ArticleContext
    from graphkit.extract.pipeline import Extractor, actor_record, stance_record
    from graphkit.ingest import Article

    extractor = Extractor()
    causes: Counter[str] = Counter()
    listing: list[str] = []
    for path in sorted((SHARED / "realnews").glob("*.txt")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
        gold = json.loads((path.parent / f"{path.stem}.gold.json").read_text("utf-8"))
        date = meta.get("date") if meta.get("date") not in (None, "unknown") else None
        article = Article(id=path.stem, text=body.strip(), title=meta.get("title"),
                          date=_date(date))
        result = extractor.extract(article)
        records = [stance_record(s, result.actors) for s in result.stances]
        report = scorer.score_article(gold, records, True)
        alias = _aliases(scorer, gold)
        up = {k: v.get("acts_for") for k, v in gold["actors"].items()}
        pairs = {(scorer.resolve(r["subject"], alias), scorer.resolve(r["object"], alias),
                  r["evidence"]["sentence"] or "") for r in records}
        for stance in report["missed"]:
            cause = _cause(extractor, scorer, stance, article, alias, up, pairs,
                           ArticleContext, actor_record)
            causes[cause] += 1
            listing.append(f"{path.stem[:28]:28s} {stance['id']:4s} {cause:18s} "
                           f"{'/'.join(stance['subject'])} {'|'.join(stance['accept'])} "
                           f"{'/'.join(stance['object'])}")
    total = sum(causes.values())
    if "--list" in argv:
        print("\n".join(listing))
    print(f"{total} gold stances missed")
    for cause, count in causes.most_common():
        print(f"  {cause:18s} {count:4d}  {count / total:5.1%}")
    return 0


def _date(text: str | None) -> Any:
    from datetime import date

    return date.fromisoformat(text) if text else None


def _aliases(scorer: ModuleType, gold: dict[str, Any]) -> dict[str, str]:
    alias: dict[str, str] = {}
    for key, spec in gold["actors"].items():
        alias[scorer.norm(key)] = key
        for name in spec.get("aliases", []):
            alias[scorer.norm(name)] = key
            alias[name.upper()] = key
    return alias


def _rolls_up(key: str | None, accepted: list[str], up: dict[str, str | None]) -> bool:
    seen: set[str] = set()
    while key and key not in seen:
        if key in accepted:
            return True
        seen.add(key)
        key = up.get(key)
    return False


def _cause(extractor: Any, scorer: ModuleType, stance: dict[str, Any], article: Any,
           alias: dict[str, str], up: dict[str, str | None], pairs: set[tuple[Any, Any]],
           context: Any, actor_record: Any) -> str:
    subject, obj = stance["subject"], stance["object"]
    sentences: list[str] = []
    for fragment in stance["evidence"].split(" / "):
        sentences += _sentences_with(article.text + "\n" + (article.title or ""), fragment)
    if not sentences:
        return "evidence unplaced"
    for s, o, said in pairs:
        same_pair = (_rolls_up(s, subject, up) and _rolls_up(o, obj, up)) or (
            _rolls_up(o, subject, up) and _rolls_up(s, obj, up))
        if same_pair and any(said in sentence or sentence in said for sentence in sentences):
            return "wrong type"
    has_subject = has_object = any_stance = False
    for sentence in dict.fromkeys(sentences):
        ctx = context(published=article.date)
        doc = extractor.nlp(sentence)
        mentions = extractor.actors.find(doc, ctx)
        keys = set()
        for mention in mentions:
            actor = extractor.actors.actor(mention.actor, ctx)
            keys.add(scorer.resolve(actor_record(actor, mention.actor), alias))
        has_subject |= any(_rolls_up(k, subject, up) for k in keys)
        has_object |= any(_rolls_up(k, obj, up) for k in keys)
        any_stance |= bool(extractor.stances.find(doc, mentions, ctx))
    if not has_subject and not has_object:
        return "neither found"
    if not has_subject:
        return "subject not found"
    if not has_object:
        return "object not found"
    return "attachment" if any_stance else "no trigger"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
