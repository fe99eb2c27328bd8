" Vim indent file
" Language: Scout pipeline scripts (.scout)
"
" A line inside ( ), [ ] or { } is indented one 'shiftwidth' deeper than the statement
" that opened the bracket; a line starting with ) ] or } lines up with that statement.
" A line continuing a statement (the line before ends with an operator, a comma, a colon,
" a dot, "and", "or", "not" or "in") is indented one more step, except where commas
" separate the items of a list, an argument list or a map. A line that starts inside a
" string (a multi-line one, or one continued with a backslash) is text and keeps its
" indentation. Strings and comments are told apart with
" the syntax items of syntax/scout.vim, so keep syntax highlighting on.

if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetScoutIndent(v:lnum)
setlocal indentkeys=0{,0},0),0],!^F,o,O,e
setlocal nolisp nosmartindent nocindent autoindent

let b:undo_indent = 'setlocal indentexpr< indentkeys< lisp< smartindent< cindent< autoindent<'

if exists('*GetScoutIndent')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" Syntax items whose brackets and operators are text, not code.
let s:text_items = '\v^scout%(String|MultiString|RawString|Escape|EscapeError|RawEscape|RawError|'
      \ . 'Interpolation|MultiInterpolation|InterpolationDelimiter|Comment|Shebang|Todo)$'
let s:skip = 'synIDattr(synID(line("."), col("."), 1), "name") =~# ''' . s:text_items . ''''

let s:keywords = '\v^%(let|task|parallel|sequential|for|in|if|else|stop|fail|command|use|param|import|true|false|null|'
      \ . 'and|or|not|skip_if|stop_if|store|as|retry|timeout|needs|extract|sources|generates|on)$'

function! s:IsText(lnum, col) abort
  return synIDattr(synID(a:lnum, a:col, 1), 'name') =~# s:text_items
endfunction

function! s:IsComment(lnum, col) abort
  return synIDattr(synID(a:lnum, a:col, 1), 'name') =~# '\v^scout%(Comment|Shebang|Todo)$'
endfunction

" Whether the line starts inside a string that began on a line above: the text of a
" multi-line string (or its closing quotes), or the rest of a "..." string whose line
" ended with a backslash. The syntax items past the end of the line above tell.
function! s:StartsInString(lnum) abort
  let above = a:lnum - 1
  for id in synstack(above, strlen(getline(above)) + 1)
    if synIDattr(id, 'name') =~# '\v^scout%(String|MultiString)$'
      return 1
    endif
  endfor
  return 0
endfunction

" The nearest line above lnum with code on it: not blank, not only a comment.
function! s:PrevCodeLine(lnum) abort
  let lnum = prevnonblank(a:lnum - 1)
  while lnum > 0
    let first = match(getline(lnum), '\S') + 1
    if !s:IsComment(lnum, first)
      return lnum
    endif
    let lnum = prevnonblank(lnum - 1)
  endwhile
  return 0
endfunction

" The column of the last character of code on line lnum (0 when there is none).
function! s:LastCodeCol(lnum) abort
  let line = getline(a:lnum)
  let col = strlen(line)
  while col > 0 && (line[col - 1] =~# '\s' || s:IsComment(a:lnum, col))
    let col -= 1
  endwhile
  return col
endfunction

" Whether the code on line lnum ends with something that continues the statement.
function! s:EndsWithOperator(lnum) abort
  let col = s:LastCodeCol(a:lnum)
  if col == 0 || s:IsText(a:lnum, col)
    return 0
  endif
  return strpart(getline(a:lnum), 0, col) =~# '\v%([-+*/%=<>!,:.]|\&\&|\|\||\?\?|<%(and|or|not|in))$'
endfunction

" Whether the { at lnum, col opens a map literal rather than a block.
function! s:IsMap(lnum, col) abort
  let before = substitute(strpart(getline(a:lnum), 0, a:col - 1), '\s\+$', '', '')
  if before ==# '' || before =~# '\v%([-=(\[,:+*/%<>!]|\?\?|\&\&|\|\|)$'
    return 1
  endif
  " COMMAND { ... }: a command whose first argument is a map.
  let word = matchstr(before, '\v^\s*\zs\h\w*$')
  return word !=# '' && word !~# s:keywords
endfunction

" The line where the statement that includes line lnum starts.
function! s:StatementStart(lnum) abort
  let lnum = a:lnum
  let prev = s:PrevCodeLine(lnum)
  while prev > 0 && s:EndsWithOperator(prev)
    let lnum = prev
    let prev = s:PrevCodeLine(lnum)
  endwhile
  return lnum
endfunction

function! GetScoutIndent(lnum) abort
  if a:lnum <= 1
    return 0
  endif
  if s:StartsInString(a:lnum)
    return -1
  endif
  let line = getline(a:lnum)
  let sw = shiftwidth()

  " The innermost bracket still open where this line starts.
  let save_cursor = getcurpos()
  call cursor(a:lnum, 1)
  let [olnum, ocol] = searchpairpos('[({[]', '', '[)}\]]', 'bnW', s:skip)
  call setpos('.', save_cursor)

  let ind = 0
  let opener = ''
  if olnum > 0
    let opener = getline(olnum)[ocol - 1]
    let base = indent(s:StatementStart(olnum))
    if line =~# '^\s*[)}\]]'
      return base
    endif
    let ind = base + sw
  endif

  " A continuation line; commas between items of a list, arguments or a map do not count.
  let in_items = opener ==# '(' || opener ==# '[' || (opener ==# '{' && s:IsMap(olnum, ocol))
  let prev = s:PrevCodeLine(a:lnum)
  if prev > 0 && prev >= olnum && s:EndsWithOperator(prev)
    let last = getline(prev)[s:LastCodeCol(prev) - 1]
    if !(in_items && (last ==# ',' || last ==# ':'))
      let ind += sw
    endif
  endif
  return ind
endfunction

let &cpo = s:cpo_save
unlet s:cpo_save
