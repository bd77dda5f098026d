-- Drives Neovim as a user would, after the README's init.lua: the file is open; wait for the
-- rnn_lens client, its diagnostics and inlay hints; K (vim.lsp.buf.hover) on the first LSTM and
-- read the float it opens; the quick fix through vim.lsp.buf.code_action({ apply = true }); then
-- the diagnostics and hints of the fixed text. Writes what it saw as JSON to $RNN_LENS_RESULT.
local out = { steps = {} }
local buf = vim.api.nvim_get_current_buf()
local function wait(ms, cond) return vim.wait(ms, cond, 50) end
local function step(name, ok) table.insert(out.steps, { name = name, ok = ok }) end
local function labels()
  local seen = {}
  for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf })) do
    local label = h.inlay_hint.label
    if type(label) == 'table' then
      label = table.concat(vim.tbl_map(function(part) return part.value end, label))
    end
    table.insert(seen, { line = h.inlay_hint.position.line, label = label })
  end
  return seen
end
local function diagnostics()
  return vim.tbl_map(function(d)
    return { line = d.lnum, col = d.col, code = d.code, severity = d.severity, message = d.message }
  end, vim.diagnostic.get(buf))
end
local function float_lines()
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      return win, vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
    end
  end
end

local ok, err = pcall(function()
  out.filetype = vim.bo[buf].filetype
  step('client', wait(30000, function() return #vim.lsp.get_clients({ bufnr = buf, name = 'rnn_lens' }) > 0 end))
  local client = vim.lsp.get_clients({ bufnr = buf, name = 'rnn_lens' })[1]
  out.cmd = client and client.config.cmd or vim.NIL
  step('diagnostics', wait(30000, function() return #vim.diagnostic.get(buf) > 0 end))
  out.diagnostics = diagnostics()
  step('hints', wait(15000, function() return #labels() > 0 end))
  out.hints = labels()

  vim.api.nvim_win_set_cursor(0, { 3, 5 }) -- on the first LSTM (1-based line, 0-based column)
  vim.lsp.buf.hover()
  step('hover', wait(15000, function() return float_lines() ~= nil end))
  local win, lines = float_lines()
  out.hover = lines or {}
  if win then vim.api.nvim_win_close(win, true) end

  vim.api.nvim_win_set_cursor(0, { 4, 5 }) -- on the second LSTM, where the diagnostic is
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action) return action.title:find('return_sequences', 1, true) ~= nil end,
  })
  step('fix applied', wait(15000, function()
    return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n'):find('return_sequences', 1, true) ~= nil
  end))
  out.fixed = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  step('diagnostics cleared', wait(15000, function() return #vim.diagnostic.get(buf) == 0 end))
  out.diagnosticsAfter = diagnostics()
  -- the hints of the fixed text: every layer has a shape now (hints refresh after the edit)
  step('hints after', wait(15000, function()
    local n = 0
    for _, h in ipairs(labels()) do if h.line == 4 then n = n + 1 end end
    return n >= 2
  end))
  out.hintsAfter = labels()
  out.messages = vim.api.nvim_exec2('messages', { output = true }).output
end)
if not ok then out.error = tostring(err) end
local f = assert(io.open(os.getenv('RNN_LENS_RESULT'), 'w'))
f:write(vim.json.encode(out))
f:close()
vim.cmd('qall!')
