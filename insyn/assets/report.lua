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

-- Tables first (they end up inside the figure-data div), then the divs around them.
return {
  { Table = Table },
  { Div = Div },
}
