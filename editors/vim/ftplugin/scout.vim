" Vim filetype plugin for Scout pipeline scripts (.scout)
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

let s:cpo_save = &cpo
set cpo&vim

setlocal commentstring=#\ %s
setlocal comments=:#
setlocal formatoptions-=t formatoptions+=croql
setlocal expandtab shiftwidth=2 softtabstop=2

" :make checks the script without running it. `scout check` prints
"   FILE:LINE:COL: error: MESSAGE        (or warning:)
"     |
"   12 | the line
"     |     ^^^^
"     = help: ...
" and a count line; only the first kind of line is an entry, the rest is dropped. A
" diagnostic without a place reads FILE: error: MESSAGE, and scout's own errors (a file it
" cannot read) scout: error: MESSAGE.
setlocal makeprg=scout\ check\ %
setlocal errorformat=%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m,scout:\ %trror:\ %m,
      \%f:\ %trror:\ %m,%f:\ %tarning:\ %m,%-G%.%#

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< expandtab< shiftwidth< softtabstop<'
      \ . ' makeprg< errorformat<'

let &cpo = s:cpo_save
unlet s:cpo_save
