--[[
Insyn's pandoc filter: the accessibility rules every report follows, whichever renderer runs.

Used by both paths, so a report looks and reads the same:
  * pandoc + Typst (insyn.render.html / insyn.render.pdf): pandoc --lua-filter=report.lua
  * Quarto (_quarto.yml): filters: [insyn/assets/report.lua]

What it does:
  * Tables: header cells get scope="col"; a first column of text (left-aligned; numbers are
    right-aligned) holds row headers (<th scope="row">). In HTML each table sits in its own
    scroll container (a focusable, labelled region), so a wide table scrolls by itself on a phone
    instead of widening the page.
  * Figure data (a div of class "figure-data", written by insyn.figures.Chart and captioned by
    insyn.render): in HTML a collapsed <details> whose <summary> is the div's "summary"
    attribute; in PDF simply the table.
  * Under Quarto, HTML only: the colophon ("Underlag", "Byggd", "Version") at the end of the
    page, from the metadata insyn.render.quarto passes. The fallback's template writes its own.
]]

local function is_html()
  return FORMAT:match("html") ~= nil
end

local function plain_text(inlines)
  return pandoc.utils.stringify(inlines or {})
end

local function escape_html(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

local function mark_header_cells(tbl)
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      cell.attributes.scope = "col"
    end
  end
  local first = tbl.colspecs[1]
  local text_first = first ~= nil and first[1] ~= "AlignRight" and first[1] ~= "AlignCenter"
  if not text_first or #tbl.colspecs < 2 then
    return
  end
  for _, body in ipairs(tbl.bodies) do
    body.row_head_columns = 1
    for _, row in ipairs(body.body) do
      if row.cells[1] then
        row.cells[1].attributes.scope = "row"
      end
    end
  end
end

local function scroll_container(tbl)
  local label = plain_text(tbl.caption.long)
  if label == "" then
    label = "Tabell"
  end
  -- Attributes as a list of pairs: a Lua table keyed by name has no stable order, and the
  -- same input must give the same bytes.
  return pandoc.Div({ tbl }, pandoc.Attr("", { "table-scroll" }, {
    { "role", "region" },
    { "tabindex", "0" },
    { "aria-label", label },
  }))
end

function Table(tbl)
  mark_header_cells(tbl)
  if is_html() then
    return scroll_container(tbl)
  end
  return tbl
end

function Div(div)
  if not div.classes:includes("figure-data") then
    return nil
  end
  if not is_html() then
    return div.content
  end
  local summary = div.attributes.summary or "Visa siffrorna i figuren som tabell"
  local blocks = { pandoc.RawBlock("html", '<details class="figure-data">') }
  table.insert(blocks, pandoc.RawBlock("html", "<summary>" .. escape_html(summary) .. "</summary>"))
  for _, block in ipairs(div.content) do
    table.insert(blocks, block)
  end
  table.insert(blocks, pandoc.RawBlock("html", "</details>"))
  return blocks
end

-- The colophon partial the fallback's template includes (colophon.html, next to this filter),
-- filled in with the metadata values, escaped as pandoc's HTML writer escapes template values.
local function colophon(meta)
  local file = assert(io.open(quarto.utils.resolve_path("colophon.html"), "r"))
  local template = pandoc.template.compile(file:read("a"))
  file:close()
  local context = {}
  for _, key in ipairs({ "underlag", "built", "version", "renderer" }) do
    local value = meta[key] and pandoc.utils.stringify(meta[key]) or ""
    if value ~= "" then
      context[key] = escape_html(value)
    end
  end
  return pandoc.layout.render(pandoc.template.apply(template, context))
end

function Pandoc(doc)
  if quarto == nil or not is_html() or doc.meta.built == nil then
    return nil
  end
  doc.blocks:insert(pandoc.RawBlock("html", colophon(doc.meta)))
  return doc
end

-- Tables first (they end up inside the figure-data div), then the divs around them, then the
-- colophon after everything else.
return {
  { Table = Table },
  { Div = Div },
  { Pandoc = Pandoc },
}
