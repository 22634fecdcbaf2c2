"""Look inside a SPARQL request before it reaches the engine.

Oxigraph really calls out over HTTP for ``SERVICE``; a public endpoint must
not.  A substring test ("SERVICE" in query) is fooled by comments, strings,
``\\u`` escapes and prefixed names, so this module tokenizes the query the way
the SPARQL 1.1 grammar does (codepoint escapes first, then comments, strings,
IRIs, prefixed names, variables, keywords) and reads from the tokens:

* the query form (SELECT, CONSTRUCT, DESCRIBE, ASK) or that it is an update;
* every ``SERVICE`` endpoint, prefixed names expanded and relative IRIs
  resolved against ``BASE`` (a variable endpoint cannot be checked: refused);
* whether the query names its own dataset (``FROM`` / ``FROM NAMED``);
* the ``LIMIT`` of the outermost query (the one outside every brace), so a
  worker knows when the row cap cannot be reached.

Everything here is pure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urljoin

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

_ESCAPE_RE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

# Token patterns, tried in order at each position (SPARQL 1.1 grammar, section 19.8).
_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?:(?:[\w:%\\\-.\u00B7\u00C0-\uFFFF]*[\w:%\-\u00B7\u00C0-\uFFFF])?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*)
  | (?P<number>[0-9]+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class Token(NamedTuple):
    kind: str      # iri | var | pname | word | number | string | other
    text: str


@dataclass
class QueryShape:
    """What the tokens say about a request."""

    form: str | None                      # SELECT | CONSTRUCT | DESCRIBE | ASK | None
    is_update: bool = False
    services: list[str] = field(default_factory=list)   # resolved endpoint IRIs
    variable_service: bool = False        # SERVICE ?x: endpoint unknown until run time
    has_dataset_clause: bool = False      # FROM or FROM NAMED in the query
    from_graphs: list[str] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)
    top_limit: int | None = None          # LIMIT of the outermost query (outside every brace), if any


class QueryRefused(ValueError):
    """A request the endpoint will not run; the message is for people."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def unescape_codepoints(text: str) -> str:
    """SPARQL processes ``\\uXXXX`` and ``\\UXXXXXXXX`` before parsing (section 19.2)."""
    return _ESCAPE_RE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def tokenize(text: str) -> list[Token]:
    """The significant tokens of a SPARQL request (whitespace and comments dropped)."""
    tokens = []
    for m in _TOKEN_RE.finditer(unescape_codepoints(text)):
        kind = m.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        tokens.append(Token(kind, m.group()))
    return tokens


def inspect_query(text: str) -> QueryShape:
    """Read the form, SERVICE endpoints and dataset clauses of a SPARQL request."""
    tokens = tokenize(text)
    prefixes: dict[str, str] = {}
    base: str | None = None
    shape = QueryShape(form=None, prefixes=prefixes)

    def resolve(token: Token) -> str | None:
        if token.kind == "iri":
            iri = token.text[1:-1]
            return urljoin(base, iri) if base else iri
        if token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            if prefix in prefixes:
                return prefixes[prefix] + local.replace("\\", "")
            return token.text
        return None

    depth = 0              # braces open at this token; -1 once they are unbalanced (then no top LIMIT)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind != "word":            # every keyword below is a word: skip the rest at once
            if tok.kind == "other" and depth >= 0:
                depth += 1 if tok.text == "{" else -1 if tok.text == "}" else 0
            i += 1
            continue
        word = tok.text.upper()
        if word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 1].kind == "pname":
            iri = resolve(tokens[i + 2]) or ""
            prefixes[tokens[i + 1].text[:-1] if tokens[i + 1].text.endswith(":") else tokens[i + 1].text] = iri
            i += 3
            continue
        if word == "BASE" and i + 1 < len(tokens) and tokens[i + 1].kind == "iri":
            base = resolve(tokens[i + 1])
            i += 2
            continue
        if word in QUERY_FORMS and shape.form is None and not shape.is_update:
            shape.form = word
        elif word in UPDATE_KEYWORDS and shape.form is None:
            shape.is_update = True
        elif word == "SERVICE":
            j = i + 1
            if j < len(tokens) and tokens[j].kind == "word" and tokens[j].text.upper() == "SILENT":
                j += 1
            target = tokens[j] if j < len(tokens) else None
            if target is None or target.kind == "var":
                shape.variable_service = True
            else:
                endpoint = resolve(target)
                if endpoint is None:
                    shape.variable_service = True
                else:
                    shape.services.append(endpoint)
        elif word == "FROM" and shape.form is not None:
            shape.has_dataset_clause = True
            j = i + 1
            if j < len(tokens) and tokens[j].kind == "word" and tokens[j].text.upper() == "NAMED":
                j += 1
            if j < len(tokens):
                graph = resolve(tokens[j])
                if graph:
                    shape.from_graphs.append(graph)
        elif word == "LIMIT" and depth == 0 and i + 1 < len(tokens) and tokens[i + 1].kind == "number":
            limit = int(tokens[i + 1].text)
            shape.top_limit = limit if shape.top_limit is None else min(limit, shape.top_limit)
        i += 1
    if depth != 0:
        shape.top_limit = None
    return shape


def check_query(shape: QueryShape, service_allowlist: frozenset[str] | set[str]) -> None:
    """Raise ``QueryRefused`` for anything a public read-only endpoint must not run."""
    if shape.is_update:
        raise QueryRefused("SPARQL Update is not allowed: this endpoint is read-only.", 403)
    if shape.variable_service:
        raise QueryRefused("SERVICE with a variable endpoint is not allowed: federated queries "
                           "may only call the endpoints on this server's allow-list.", 403)
    refused = [s for s in shape.services if s not in service_allowlist]
    if refused:
        allowed = ", ".join(sorted(service_allowlist)) or "none"
        raise QueryRefused(f"SERVICE <{refused[0]}> is not allowed: federated queries may only call "
                           f"the endpoints on this server's allow-list (allowed: {allowed}).", 403)
