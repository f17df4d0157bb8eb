"""Rendered HTML made safe to publish: whatever the allowlist does not name is removed (nh3).

Text from data is escaped and narrative Markdown is checked before anything runs
(``insyn.text``); this is the last step, on the finished page, so that nothing executable reaches
a public report even if something slipped through: no ``<script>``, ``<iframe>``, ``<object>`` or
``<form>``, no event attributes (``onerror=``), no ``javascript:`` or ``data:`` links, no styles
beyond the alignment and widths pandoc writes for tables. Images keep their embedded
``data:image/…`` sources. The page's ``<head>`` is Insyn's own template with its inlined CSS; of
it only the ``<meta>`` tags carry values from data, and they are rebuilt from their safe
attributes. The ``<body>`` is cleaned.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

TAGS = {
    *("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup"),
    *("dd", "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "footer"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li"),
    *("main", "mark", "nav", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong"),
    *("sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"),
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "role", "tabindex", "data-number"}
    | {"aria-label", "aria-labelledby", "aria-describedby", "aria-hidden"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"style", "colspan", "rowspan", "headers"},
    "th": {"style", "colspan", "rowspan", "scope", "headers"},
    "col": {"style", "span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
}
URL_SCHEMES = {"http", "https", "mailto", "data"}
STYLE_PROPERTIES = {"text-align", "width"}
_IMAGE_DATA = re.compile(r"\s*data:image/(?:png|jpeg|gif|webp|svg\+xml)[;,]", re.IGNORECASE)
_BODY = re.compile(r"(<body[^>]*>)(.*)(</body>)", re.DOTALL | re.IGNORECASE)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.DOTALL | re.IGNORECASE)
META_ATTRIBUTES = ("charset", "name", "content")


def keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """``data:`` only as an image's source (a ``data:text/html`` link would run as a page)."""
    if not value.lstrip().lower().startswith("data:"):
        return value
    image = element == "img" and attribute == "src" and _IMAGE_DATA.match(value)
    return value if image else None


def clean_fragment(html: str) -> str:
    """An HTML fragment with only the allowed tags, attributes, URL schemes and styles."""
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        attributes=ATTRIBUTES,
        attribute_filter=keep_attribute,
        url_schemes=URL_SCHEMES,
        filter_style_properties=STYLE_PROPERTIES,
        link_rel=None,
        strip_comments=True,
    )
    # the serialiser writes U+00A0 as an entity; keep the character, as pandoc wrote it
    return cleaned.replace("&nbsp;", "\u00a0")


class _Attributes(HTMLParser):
    """The attributes of one tag, as a browser would read them."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.found = attrs


def clean_meta(tag: str) -> str:
    """A ``<meta>`` tag rebuilt with only ``charset``, ``name`` and ``content``, escaped: the
    template's values come from data (pandoc does not escape quotes there), and a quote in a
    name must not add ``http-equiv="refresh"`` or an event to the tag."""
    parser = _Attributes()
    parser.feed(tag)
    kept: dict[str, str] = {}
    for key, value in parser.found:
        if key in META_ATTRIBUTES:
            kept.setdefault(key, value or "")  # a browser uses the first of a repeated one
    if not kept or any(key == "http-equiv" for key, _ in parser.found):
        return ""
    return "<meta " + " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in kept.items()) + ">"


def clean_report_html(document: str) -> str:
    """A rendered report page: the body cleaned by the allowlist, and in the head (Insyn's
    template with its inlined CSS) every ``<meta>`` tag rebuilt from its safe attributes."""
    match = _BODY.search(document)
    if match is None:  # a fragment, not a page
        return clean_fragment(document)
    start, inner, end = match.groups()
    head = _META.sub(lambda m: clean_meta(m.group(0)), document[: match.start()])
    return head + start + clean_fragment(inner) + end + document[match.end() :]


def clean_quarto_html(document: str) -> str:
    """A page Quarto rendered: every ``<script>`` removed (Quarto's own, which only add
    behaviour such as highlighting the current section; the report reads the same without
    them), then cleaned like Insyn's own pages. Quarto's stylesheets stay in the head."""
    return clean_report_html(_SCRIPT.sub("", document))
