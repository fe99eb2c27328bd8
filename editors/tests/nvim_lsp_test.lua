-- Drives `scout lsp` from Neovim (0.7 or later), headless: opens a script with an error,
-- waits for the diagnostic, edits the script and waits for the new one, then asks for
-- completion after `build.st`, hover on `retry` and the definition of `lint` in `needs lint`.
-- Writes what it got, one "key<TAB>value" line each, to $SCOUT_LSP_OUT, and quits.
--
--   SCOUT_LSP_BIN=.build/debug/scout SCOUT_LSP_SAMPLE=sample.scout SCOUT_LSP_OUT=out.txt \
--     nvim --headless --clean -c 'luafile editors/tests/nvim_lsp_test.lua'
local results = {}
local function put(key, value)
  local text = tostring(value):gsub("\n", "\\n")
  table.insert(results, key .. "\t" .. text)
end

local function find(buf, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local s = string.find(line, needle, 1, true)
    if s then return i - 1, s - 1 end
  end
  error("not in the buffer: " .. needle)
end

local function main()
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.SCOUT_LSP_SAMPLE))
  vim.bo.filetype = "scout"
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = "scout",
    cmd = { vim.env.SCOUT_LSP_BIN, "lsp" },
    root_dir = vim.fn.fnamemodify(vim.env.SCOUT_LSP_SAMPLE, ":p:h"),
  })
  put("client", id ~= nil)
  vim.lsp.buf_attach_client(buf, id)

  local arrived = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  put("diagnostics_arrived", arrived)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    put("diagnostic", d.lnum .. ":" .. d.col .. ":" .. d.message)
  end

  -- An edit: a new first line with an error after astral characters.
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { 'let more = "😀😀" + also_missing' })
  local changed = vim.wait(30000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.message:find("also_missing", 1, true) then return true end
    end
    return false
  end, 50)
  put("edit_diagnostics_arrived", changed)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    put("edited_diagnostic", d.lnum .. ":" .. d.col .. ":" .. d.message)
  end

  local uri = vim.uri_from_bufnr(buf)
  local function request(method, line, character)
    local params = { textDocument = { uri = uri }, position = { line = line, character = character } }
    local responses = vim.lsp.buf_request_sync(buf, method, params, 30000)
    for _, response in pairs(responses or {}) do
      if response.err then put("error", method .. ": " .. response.err.message) end
      if response.result then return response.result end
    end
    return nil
  end

  local line, col = find(buf, "build.st")
  local completion = request("textDocument/completion", line, col + #"build.st")
  local labels = {}
  for _, item in ipairs((completion or {}).items or completion or {}) do table.insert(labels, item.label) end
  put("completion", table.concat(labels, ","))

  line, col = find(buf, "retry")
  local hover = request("textDocument/hover", line, col + 1)
  put("hover", hover and hover.contents and (hover.contents.value or hover.contents) or "none")

  line, col = find(buf, "needs lint")
  local definition = request("textDocument/definition", line, col + #"needs l")
  if definition and definition[1] then definition = definition[1] end
  if definition and definition.range then
    put("definition", definition.uri .. " " .. definition.range.start.line .. ":" .. definition.range.start.character)
  else
    put("definition", "none")
  end

  vim.lsp.stop_client(id)
  local stopped = vim.wait(30000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
  put("stopped", stopped)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then put("lua_error", err) end
local file = io.open(vim.env.SCOUT_LSP_OUT, "w")
file:write(table.concat(results, "\n") .. "\n")
file:close()
vim.cmd("qall!")
