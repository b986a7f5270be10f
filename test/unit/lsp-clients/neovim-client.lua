-- Drives `clerk-toolkit lsp --stdio` from Neovim's built-in LSP client, the 0.7 API that Debian 12
-- ships (vim.lsp.start_client + buf_attach_client; vim.lsp.start came in 0.8). Run by
-- neovim.test.ts as `nvim --headless --clean -c 'luafile <this file>'`; inputs come from the
-- environment, and everything the test asserts on is written as JSON to CLERK_NVIM_RESULT.
-- Each step waits for an event the user would see (vim.diagnostic.get changing), never for a time.

local env = vim.env
local timeout_ms = tonumber(env.CLERK_NVIM_TIMEOUT_MS)
local result = { steps = {} }

local function summarize(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out, {
      code = d.code or lsp.code,
      source = d.source,
      severity = d.severity,
      line = d.lnum + 1,
      column = d.col + 1,
      message = d.message,
    })
  end
  return out
end

-- Waits until the buffer's diagnostics satisfy `accept`; records what was seen either way.
local function wait_for(name, bufnr, accept)
  local ok = vim.wait(timeout_ms, function()
    return accept(summarize(bufnr))
  end, 20)
  table.insert(result.steps, { name = name, ok = ok, diagnostics = summarize(bufnr) })
  if not ok then
    error(name .. ': timed out after ' .. timeout_ms .. ' ms')
  end
end

local function has_rule(rule_id)
  return function(diagnostics)
    for _, d in ipairs(diagnostics) do
      if d.code == rule_id then
        return true
      end
    end
    return false
  end
end

local function is_empty(diagnostics)
  return #diagnostics == 0
end

local function main()
  local rule_id = env.CLERK_NVIM_RULE
  local exited = nil
  local client_id = vim.lsp.start_client({
    name = 'clerk-toolkit',
    cmd = { env.CLERK_NVIM_NODE, env.CLERK_NVIM_CLI, 'lsp', '--stdio' },
    root_dir = env.CLERK_NVIM_ROOT,
    on_exit = function(code, signal)
      exited = { code = code, signal = signal }
    end,
  })
  if not client_id then
    error('vim.lsp.start_client returned nil')
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(env.CLERK_NVIM_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype == '' then
    vim.bo[bufnr].filetype = 'typescript'
  end
  vim.lsp.buf_attach_client(bufnr, client_id)

  wait_for('opened', bufnr, has_rule(rule_id))

  -- The fix a user would type: `auth()` -> `await auth()`; the finding must go away.
  local row, col = tonumber(env.CLERK_NVIM_EDIT_LINE) - 1, tonumber(env.CLERK_NVIM_EDIT_COLUMN) - 1
  local insert = env.CLERK_NVIM_EDIT_TEXT
  vim.api.nvim_buf_set_text(bufnr, row, col, row, col, { insert })
  wait_for('fixed', bufnr, is_empty)

  -- Undo the fix by editing again: the finding must come back (a re-check on every change).
  vim.api.nvim_buf_set_text(bufnr, row, col, row, col + #insert, { '' })
  wait_for('broken again', bufnr, has_rule(rule_id))

  local client = vim.lsp.get_client_by_id(client_id)
  client.stop() -- `shutdown` request, then the `exit` notification once it is answered
  local stopped = vim.wait(timeout_ms, function()
    return exited ~= nil
  end, 20)
  result.exit = exited
  if not stopped then
    error('the server did not exit after shutdown/exit')
  end
end

local ok, err = xpcall(main, debug.traceback)
result.error = (not ok) and tostring(err) or nil
vim.fn.writefile({ vim.fn.json_encode(result) }, env.CLERK_NVIM_RESULT)
vim.cmd(ok and 'qall!' or 'cquit!')
