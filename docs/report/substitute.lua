-- Fills the report from the run that produced it, so no number in it is typed by hand:
--   {{name}}            inline: the value of `name` in the metadata block `values` (from make-report.sh)
--   {{include:path}}    a paragraph of its own: the Markdown file at path (relative to the build directory)
--   {{code:path}}       a paragraph of its own: the file at path as a code block
-- An unknown name stops the build: a report must not print a placeholder.
local values = {}

local function lookup(name)
  local value = values[name]
  if value == nil then
    error("report value '" .. name .. "' was not produced by the run")
  end
  return value
end

local function read(path)
  local file = io.open(path, "r")
  if file == nil then
    error("report input '" .. path .. "' was not produced by the run")
  end
  local text = file:read("a")
  file:close()
  return text
end

return {
  {
    Meta = function(meta)
      for key, value in pairs(meta.values or {}) do
        values[key] = pandoc.utils.stringify(value)
      end
    end,
  },
  {
    Para = function(para)
      local text = pandoc.utils.stringify(para)
      local include = text:match("^{{include:(.+)}}$")
      if include then
        return pandoc.read(read(include), "markdown").blocks
      end
      local code = text:match("^{{code:(.+)}}$")
      if code then
        local language = code:match("%.cs$") and "csharp" or ""
        return pandoc.CodeBlock(read(code), { class = language })
      end
    end,
    Str = function(str)
      if str.text:find("{{", 1, true) then
        return pandoc.Str((str.text:gsub("{{([%w%._%-]+)}}", lookup)))
      end
    end,
    Code = function(code)
      code.text = code.text:gsub("{{([%w%._%-]+)}}", lookup)
      return code
    end,
    Link = function(link)
      link.target = link.target:gsub("%%7B%%7B([%w%._%-]+)%%7D%%7D", lookup):gsub("{{([%w%._%-]+)}}", lookup)
      return link
    end,
  },
}
