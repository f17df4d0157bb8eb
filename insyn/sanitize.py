"""Rendered HTML made safe to publish: whatever the allowlist does not name is removed (nh3).

Text from data is escaped and narrative Markdown is checked before anything runs
(``insyn.text``); this is the last step, on the finished page, so that nothing executable reaches
a public report even if something slipped through: no ``<script>``, ``<iframe>``, ``<object>`` or
``<form>``, no event attributes (``onerror=``), no ``javascript:`` or ``data:`` links, no styles
beyond the alignment and widths pandoc writes for tables. Images keep their embedded
``data:image/…`` sources. The page's ``<head>`` is Insyn's own template with its inlined CSS and is
kept as it is; the ``<body>`` is cleaned.
"""

from __future__ import annotations

import re

import nh3

TAGS = {
    *("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup"),
    *("dd", "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "footer"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li"),
    *("main", "mark", "nav", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong"),
    *("sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"),
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "role", "data-number"}
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


def keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """``data:`` only as an image's source (a ``data:text/html`` link would run as a page)."""
    if not value.lstrip().lower().startswith("data:"):
        return value
    image = element == "img" and attribute == "src" and _IMAGE_DATA.match(value)
    return value if image else None


def clean_fragment(html: str) -> str:
    """An HTML fragment with only the allowed tags, attributes, URL schemes and styles."""
    return nh3.clean(
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


def clean_report_html(document: str) -> str:
    """A rendered report page with its body cleaned; the head (Insyn's template) is kept."""
    match = _BODY.search(document)
    if match is None:  # a fragment, not a page
        return clean_fragment(document)
    start, inner, end = match.groups()
    return document[: match.start()] + start + clean_fragment(inner) + end + document[match.end() :]
