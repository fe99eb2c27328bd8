" Tests editors/vim headless. Run from the repository's root by vim_test.sh:
"   vim -es -N -u NONE -i NONE --cmd 'let &rtp = getcwd() . "/editors/vim," . &rtp' -S editors/tests/vim_test.vim
" Writes its report to $SCOUT_VIM_TEST_LOG and exits with 0 when every check passed.

let s:log = []
let s:failures = 0
let s:checks = 0

function! s:Fail(message) abort
  let s:failures += 1
  call add(s:log, 'FAIL: ' . a:message)
endfunction

function! s:Ok(message) abort
  call add(s:log, 'ok: ' . a:message)
endfunction

function! s:Expect(what, got, want) abort
  let s:checks += 1
  if a:got !=# a:want
    call s:Fail(a:what . ': expected ' . string(a:want) . ', got ' . string(a:got))
  endif
endfunction

" The syntax item at the n-th occurrence of `needle` on line lnum (+offset bytes), and
" the names of all the items around it.
function! s:SynAt(lnum, needle, n, offset) abort
  let line = getline(a:lnum)
  let col = -1
  for i in range(a:n)
    let col = stridx(line, a:needle, col + 1)
    if col < 0
      return ['<no ' . a:needle . ' on line ' . a:lnum . ': ' . line . '>', []]
    endif
  endfor
  let c = col + 1 + a:offset
  return [synIDattr(synID(a:lnum, c, 1), 'name'), map(synstack(a:lnum, c), 'synIDattr(v:val, "name")')]
endfunction

" checks: [lnum, needle, expected item, occurrence?, offset?, item that must not be around?]
function! s:CheckSyntax(name, checks) abort
  for check in a:checks
    let [lnum, needle, want] = check[0:2]
    let n = len(check) > 3 ? check[3] : 1
    let offset = len(check) > 4 ? check[4] : 0
    let [got, stack] = s:SynAt(lnum, needle, n, offset)
    call s:Expect(a:name . ':' . lnum . ': ' . string(needle) . (offset ? ' (+' . offset . ')' : ''), got, want)
    if len(check) > 5 && index(stack, check[5]) >= 0
      call s:Fail(a:name . ':' . lnum . ': ' . string(needle) . ' should not be inside ' . check[5] . ': ' . string(stack))
    endif
  endfor
endfunction

let s:syntax_checks = {
      \ 'ci.scout': [
      \   [9, 'param', 'scoutDeclaration'],
      \   [18, 'fail', 'scoutStatement'],
      \ ],
      \ 'strings.scout': [
      \   [1, '#!', 'scoutShebang'],
      \   [2, '# Strings', 'scoutComment'],
      \   [4, 'let', 'scoutDeclaration'],
      \   [4, 'name', 'scoutDefinition'],
      \   [4, '"Scout"', 'scoutString'],
      \   [7, 'print', 'scoutCommand'],
      \   [7, 'hello', 'scoutString'],
      \   [7, '${', 'scoutInterpolationDelimiter'],
      \   [7, 'name', 'scoutInterpolation'],
      \   [7, '}', 'scoutInterpolationDelimiter'],
      \   [7, 'len', 'scoutBuiltinFunction'],
      \   [7, 'tags:', 'scoutString', 1, 0, 'scoutInterpolation'],
      \   [7, 'join', 'scoutBuiltinFunction'],
      \   [7, '", "', 'scoutString', 1, 1],
      \   [7, ')}"', 'scoutInterpolationDelimiter', 1, 1],
      \   [7, ')}"', 'scoutString', 1, 2, 'scoutInterpolation'],
      \   [8, "'raw", 'scoutRawString'],
      \   [8, '$name', 'scoutRawString'],
      \   [8, '\n', 'scoutRawString'],
      \   [9, '\t', 'scoutEscape'],
      \   [9, '\"', 'scoutEscape'],
      \   [9, '\${', 'scoutEscape'],
      \   [9, '\${', 'scoutString', 1, 2, 'scoutInterpolation'],
      \   [9, '\u{2713}', 'scoutEscape', 1, 7],
      \   [10, '"""', 'scoutMultiString'],
      \   [11, 'A multi-line', 'scoutMultiString'],
      \   [13, '${', 'scoutInterpolationDelimiter'],
      \   [13, 'upper', 'scoutBuiltinFunction'],
      \   [14, '"""', 'scoutMultiString'],
      \   [16, '# Interpolation', 'scoutComment'],
      \   [18, 'run', 'scoutCommand'],
      \   [21, 'raw', 'scoutBuiltinFunction'],
      \   [21, '"$((6', 'scoutString', 1, 1],
      \   [23, '\"$HOME', 'scoutEscape'],
      \   [23, '$HOME', 'scoutString', 1, 0, 'scoutInterpolation'],
      \ ],
      \ 'task-blocks.scout': [
      \   [7, 'task', 'scoutDeclaration'],
      \   [7, 'build', 'scoutTaskName'],
      \   [8, 'run', 'scoutCommand'],
      \   [12, 'package', 'scoutTaskName'],
      \   [12, 'if', 'scoutClause'],
      \   [12, 'ok', 'scoutField'],
      \   [12, 'retry', 'scoutClause'],
      \   [12, '1', 'scoutNumber'],
      \   [13, 'timeout', 'scoutClause'],
      \   [13, '30s', 'scoutDuration'],
      \   [18, 'skip_if', 'scoutClause'],
      \   [18, '!=', 'scoutOperator'],
      \   [19, 'stop_if', 'scoutClause'],
      \ ],
      \ 'retry-and-timeout.scout': [
      \   [7, 'use', 'scoutDeclaration'],
      \   [7, 'retry', 'scoutPolicy'],
      \   [7, 'max_retries', 'scoutLabel'],
      \   [7, '10ms', 'scoutDuration'],
      \   [7, '50ms', 'scoutDuration', 1, 3],
      \   [9, 'quiet', 'scoutLabel'],
      \   [9, 'true', 'scoutBoolean'],
      \   [9, 'store', 'scoutClause'],
      \   [9, ' as ', 'scoutClause', 1, 1],
      \   [9, 'counter', 'scoutDefinition'],
      \   [11, 'retry', 'scoutClause'],
      \   [15, '200ms', 'scoutDuration'],
      \   [10, '# Fails', 'scoutComment'],
      \ ],
      \ 'conditionals.scout': [
      \   [5, 'if', 'scoutConditional'],
      \   [7, 'else', 'scoutConditional'],
      \   [7, 'if', 'scoutConditional'],
      \   [14, 'for', 'scoutRepeat'],
      \   [14, 'v', 'scoutDefinition'],
      \   [14, 'in', 'scoutRepeat'],
      \   [14, 'null', 'scoutNull'],
      \   [15, 'json', 'scoutBuiltinFunction'],
      \   [24, '??', 'scoutOperator'],
      \ ],
      \ 'parallel-and-needs.scout': [
      \   [6, 'parallel', 'scoutStatement'],
      \   [6, 'max', 'scoutLabel'],
      \   [8, 'needs', 'scoutClause'],
      \ ],
      \ 'functions.scout': [
      \   [8, '\\.', 'scoutEscape'],
      \   [11, '1.5', 'scoutFloat'],
      \   [12, 'x', 'scoutField', 2],
      \   [15, '1500ms', 'scoutDuration'],
      \   [15, '90s', 'scoutDuration'],
      \   [15, '1m', 'scoutDuration'],
      \   [15, '**', 'scoutOperator'],
      \ ],
      \ 'user-commands.scout': [
      \   [5, 'command', 'scoutDeclaration'],
      \   [5, 'greet', 'scoutTaskName'],
      \   [5, 'who', 'scoutParameter'],
      \   [5, 'greeting', 'scoutParameter'],
      \   [5, '"hello"', 'scoutString'],
      \   [13, 'greet', 'scoutUserCommand'],
      \   [14, 'who', 'scoutLabel'],
      \   [23, 'countdown', 'scoutUserCommand'],
      \ ],
      \ 'service.scout': [
      \   [14, 'service', 'scoutCommand'],
      \   [15, 'run', 'scoutCommand'],
      \ ],
      \ 'guide-4-sub-batch.scout': [
      \   [7, "'PLAN'", 'scoutMultiString'],
      \   [13, 'extract', 'scoutClause'],
      \   [13, 'plan', 'scoutDefinition'],
      \   [15, 'print', 'scoutCommand'],
      \ ],
      \ }

" Indentation of snippets the samples do not show: [input lines, expected lines].
let s:indent_cases = [
      \ [['let m = {', 'a: 1,', 'b: [', '1,', '2', '],', '}', 'print m'],
      \  ['let m = {', '  a: 1,', '  b: [', '    1,', '    2', '  ],', '}', 'print m']],
      \ [['print "a",', '"b",', '"c"', 'print "d"'],
      \  ['print "a",', '  "b",', '  "c"', 'print "d"']],
      \ [['task deploy if lint.ok &&', 'test.ok {', 'run "make deploy"', '}'],
      \  ['task deploy if lint.ok &&', '  test.ok {', '  run "make deploy"', '}']],
      \ [['if x {', 'run foo(1,', '2)', '# a comment {', 'print "{ [ ("', '} else {', 'print {', 'a: 1', '}', '}'],
      \  ['if x {', '  run foo(1,', '    2)', '  # a comment {', '  print "{ [ ("', '} else {', '  print {', '    a: 1', '  }', '}']],
      \ [['parallel {', 'task a { run "x" }', 'task b needs a {', 'run [', '"echo",', '"b"', ']', '}', '}'],
      \  ['parallel {', '  task a { run "x" }', '  task b needs a {', '    run [', '      "echo",', '      "b"', '    ]', '  }', '}']],
      \ [['for f in files {', 'run """', '    keep', '  this', '  """', 'print f', '}'],
      \  ['for f in files {', '  run """', '    keep', '  this', '  """', '  print f', '}']],
      \ [['if x {', 'print "one \', '      two"', 'print """', '"quoted" text', '"""', '}'],
      \  ['if x {', '  print "one \', '      two"', '  print """', '"quoted" text', '"""', '}']],
      \ ]

function! s:CheckQuickfix(how, qf) abort
  call s:Expect(a:how . ': quickfix entries', len(a:qf), 4)
  if len(a:qf) != 4
    call s:Fail(a:how . ': quickfix list: ' . string(a:qf))
    return
  endif
  let [e1, e2, e3, e4] = a:qf
  call s:Expect(a:how . ': entry 1', [bufname(e1.bufnr), e1.lnum, e1.col, e1.type, e1.text, e1.valid],
        \ ['deploy.scout', 7, 28, 'e', "'verison' is never defined", 1])
  call s:Expect(a:how . ': entry 2', [bufname(e2.bufnr), e2.lnum, e2.col, e2.type, e2.text, e2.valid],
        \ ['ci/build.scout', 12, 4, 'w', "'flag' is never defined", 1])
  call s:Expect(a:how . ': entry 3', [bufname(e3.bufnr), e3.lnum, e3.type, e3.text, e3.valid],
        \ ['deploy.scout', 0, 'e', 'a diagnostic without a place', 1])
  call s:Expect(a:how . ': entry 4', [e4.bufnr, e4.type, e4.text],
        \ [0, 'e', 'cannot read nope.scout: no such file'])
endfunction

function! s:Main() abort
  filetype plugin indent on
  syntax on

  " --- Detection and the filetype plugin
  edit samples/strings.scout
  call s:Expect('filetype of samples/strings.scout', &filetype, 'scout')
  call s:Expect('commentstring', &l:commentstring, '# %s')
  call s:Expect('makeprg', &l:makeprg, 'scout check %')
  call s:Expect('indentexpr', &l:indentexpr, 'GetScoutIndent(v:lnum)')
  call s:Expect('b:current_syntax', get(b:, 'current_syntax', ''), 'scout')
  let shebang_file = tempname()
  call writefile(['#!/usr/bin/env scout', 'print "hi"'], shebang_file)
  execute 'edit ' . fnameescape(shebang_file)
  call s:Expect('filetype of a file with a scout shebang', &filetype, 'scout')
  call delete(shebang_file)
  let other_file = tempname() . '.txt'
  call writefile(['#!/bin/sh', 'echo scout'], other_file)
  execute 'edit ' . fnameescape(other_file)
  call s:Expect('filetype of a sh script', &filetype ==# 'scout', 0)
  call delete(other_file)
  call s:Ok('filetype detection and the filetype plugin')

  " --- Syntax
  for [name, checks] in items(s:syntax_checks)
    execute 'edit samples/' . name
    call s:CheckSyntax(name, checks)
  endfor
  call s:Ok('syntax checked at chosen positions of ' . len(s:syntax_checks) . ' samples')

  enew!
  setfiletype scout
  call setline(1, ['print "one \', '  two" store as x', 'print "\\"', 'let y = 1',
        \ 'print "${json({a: "}"})}" # after', 'print "unterminated', 'let z = 2'])
  call s:CheckSyntax('snippet', [
        \ [1, '\', 'scoutEscape'],
        \ [2, 'two', 'scoutString'],
        \ [2, 'store', 'scoutClause'],
        \ [3, '\\', 'scoutEscape'],
        \ [4, 'let', 'scoutDeclaration'],
        \ [5, 'json', 'scoutBuiltinFunction'],
        \ [5, '"}"', 'scoutString', 1, 1],
        \ [5, '})}', 'scoutInterpolationDelimiter', 1, 2],
        \ [5, '# after', 'scoutComment'],
        \ [6, 'unterminated', 'scoutString'],
        \ [7, 'let', 'scoutDeclaration'],
        \ ])
  call s:Ok('syntax of snippets')

  " --- Indentation: every sample re-indents to itself
  let samples = sort(glob('samples/*.scout', 0, 1))
  if empty(samples)
    call s:Fail('no samples/*.scout found')
  endif
  for path in samples
    execute 'edit! ' . fnameescape(path)
    let before = getline(1, '$')
    silent normal! gg=G
    let after = getline(1, '$')
    let s:checks += 1
    if after !=# before
      for i in range(min([len(before), len(after)]))
        if before[i] !=# after[i]
          call s:Fail(path . ':' . (i + 1) . ': gg=G changed ' . string(before[i]) . ' into ' . string(after[i]))
          break
        endif
      endfor
    endif
    silent edit!
  endfor
  call s:Ok('gg=G reproduces ' . len(samples) . ' samples')

  for [input, expected] in s:indent_cases
    enew!
    setfiletype scout
    call setline(1, input)
    silent normal! gg=G
    call s:Expect('indentation of ' . string(input), getline(1, '$'), expected)
  endfor
  call s:Ok('indentation of ' . len(s:indent_cases) . ' snippets')

  " --- :make's errorformat on what `scout check` prints
  let output = [
        \ "deploy.scout:7:28: error: 'verison' is never defined",
        \ '  |',
        \ '7 | run "make deploy VERSION=${verison}"',
        \ '  |                            ^^^^^^^',
        \ "  = help: did you mean 'version'?",
        \ '',
        \ "ci/build.scout:12:4: warning: 'flag' is never defined",
        \ '   |',
        \ '12 | if flag {',
        \ '   |    ^^^^',
        \ '',
        \ 'deploy.scout: error: a diagnostic without a place',
        \ '',
        \ 'scout: error: cannot read nope.scout: no such file',
        \ '3 errors, 1 warning',
        \ ]
  let dir = tempname()
  call mkdir(dir . '/ci', 'p')
  call writefile(map(range(1, 6), '"let line" . v:val . " = 1"') + ['run "make deploy VERSION=${verison}"'], dir . '/deploy.scout')
  call writefile(map(range(1, 11), '"# line " . v:val') + ['if flag {', '}'], dir . '/ci/build.scout')
  call writefile(output, dir . '/check-output.txt')
  let here = getcwd()
  execute 'cd ' . fnameescape(dir)
  execute 'edit! ci/build.scout'
  call s:Expect('makeprg of ci/build.scout', &l:makeprg, 'scout check %')

  " :make as a user runs it, with `scout check` replaced by the captured output; it jumps
  " to the first entry.
  setlocal makeprg=cat\ check-output.txt
  silent make
  call s:CheckQuickfix(':make', getqflist())
  call s:Expect(':make jumps to the file', expand('%'), 'deploy.scout')
  call s:Expect(':make jumps to the line', line('.'), 7)
  call s:Expect(':make jumps to the column', col('.'), 28)
  silent cnext
  call s:Expect(':cnext goes to the file', expand('%'), 'ci/build.scout')
  call s:Expect(':cnext goes to the line', line('.'), 12)
  call s:Expect(':cnext goes to the column', col('.'), 4)

  " :cgetexpr reads with the global 'errorformat' (Vim's rule for :cexpr), so give it the
  " value the filetype plugin set for the buffer.
  let &g:errorformat = &l:errorformat
  cgetexpr output
  call s:CheckQuickfix(':cgetexpr', getqflist())
  execute 'cd ' . fnameescape(here)
  call delete(dir, 'rf')
  call s:Ok('errorformat')
endfunction

try
  call s:Main()
catch
  call s:Fail('exception: ' . v:exception . ' at ' . v:throwpoint)
endtry
call add(s:log, s:checks . ' checks, ' . s:failures . ' failures')
call writefile(s:log, $SCOUT_VIM_TEST_LOG)
if s:failures
  cquit!
endif
qall!
