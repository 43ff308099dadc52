-- Drives blueprint-language-server from a real Neovim (0.7+, headless), the way a user's config would,
-- and writes what Neovim received to $BLUEPRINT_NVIM_OUT as JSON.
local client_id = vim.lsp.start_client({
  name = 'blueprint',
  cmd = { vim.env.BLUEPRINT_NODE, vim.env.BLUEPRINT_SERVER, '--stdio' },
  root_dir = vim.fn.getcwd(),
  settings = { blueprint = { diagnostics = { ['section-order'] = 'hint' } } },
})
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.BLUEPRINT_FILE))
vim.lsp.buf_attach_client(0, client_id)
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)

local result = { diagnostics = {}, symbols = {} }
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(result.diagnostics, { code = code, lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity })
end
local params = { textDocument = vim.lsp.util.make_text_document_params() }
local responses = vim.lsp.buf_request_sync(0, 'textDocument/documentSymbol', params, 10000) or {}
for _, response in pairs(responses) do
  for _, symbol in ipairs(response.result or {}) do
    table.insert(result.symbols, symbol.name)
    for _, child in ipairs(symbol.children or {}) do table.insert(result.symbols, child.name) end
  end
end
vim.fn.writefile({ vim.fn.json_encode(result) }, vim.env.BLUEPRINT_NVIM_OUT)
vim.cmd('qall!')
