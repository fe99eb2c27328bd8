" Vim syntax file
" Language:    Scout pipeline scripts (.scout)
" Description: follows grammar/scout.ebnf and the lexer of the Scout repository.

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match
" Multi-line strings and interpolations: always parse from the top (scripts are small).
syn sync fromstart

" Where several items match at one position, the one defined last wins: general items
" come first, the more specific ones after them.

" --- Names, calls, commands -----------------------------------------------------------

" A name at the start of a statement followed by an argument: a command of the script's own.
syn match scoutUserCommand /\%(^\s*\|[{;]\s*\)\@<=\h\w*\ze[ \t]\+\%(\%(and\|or\|in\)\>\)\@!["'[{(0-9A-Za-z_]/
" name( is a call.
syn match scoutFunctionCall /\<\h\w*\ze(/
syn match scoutBuiltinFunction /\<\%(len\|contains\|starts_with\|ends_with\|matches\|lower\|upper\|trim\|split\|join\|replace\|keys\|values\|range\|env\|exists\|glob\|basename\|dirname\|json\|parse_json\|int\|float\|string\|type\|raw\|now\|min\|max\|sort\)\ze(/
" A built-in command where a statement starts (a line's start, or after { or ;).
syn match scoutCommand /\%(^\s*\|[{;]\s*\)\@<=\%(run\|service\|print\|sleep\|git_status\|git_branch\|git_diff\|git_log\|plan\)\>\%(\s*:\)\@!/

" --- Keywords ---------------------------------------------------------------------------

syn match scoutWordOperator /\<\%(and\|or\|not\|in\)\>/
syn match scoutClause /\<\%(if\|skip_if\|stop_if\|store\|as\|retry\|timeout\|needs\|extract\|sources\|generates\|on\)\>/
syn match scoutClause /\<extract\s\+steps\%(\s\+\%(parallel\|sequential\)\)\=\>/
syn match scoutStatement /\<\%(parallel\|sequential\|stop\|fail\)\>/
syn match scoutDeclaration /\<\%(let\|task\|command\|use\|param\|import\)\>/
syn match scoutRepeat /\<for\>/
syn match scoutRepeat /\%(\<for\s\+\h\w*\s\+\)\@<=in\>/
syn match scoutConditional /\<else\>/
" if where a statement starts is the if statement; elsewhere it is a task's clause.
syn match scoutConditional /\%(^\s*\|[{;]\s*\|\<else\s\+\)\@<=if\>/
syn match scoutBoolean /\<\%(true\|false\)\>/
syn match scoutNull /\<null\>/

" Names that a statement defines.
syn match scoutTaskName /\%(\<\%(task\|command\)\s\+\)\@<=\h\w*/
syn match scoutPolicy /\%(\<use\s\+\)\@<=\h\w*/
syn match scoutDefinition /\%(\<let\s\+\)\@<=\h\w*/
syn match scoutDefinition /\%(\<store\s\+as\s\+\)\@<=\h\w*/
syn match scoutDefinition /\%(\<for\s\+\)\@<=\h\w*/

" The parameters of a command definition.
syn region scoutParameters matchgroup=scoutDelimiter start=/\%(\<command\s\+\h\w*\s*\)\@<=(/ end=/)/ contains=scoutParameter,scoutParens,@scoutExpression
syn match scoutParameter /\%([(,]\s*\)\@<=\h\w*/ contained
syn region scoutParens start=/(/ end=/)/ contained transparent contains=scoutParens,@scoutExpression

" name: in named arguments, map entries, parallel(max: N). A keyword may be one too.
syn match scoutLabel /\<\h\w*\ze\s*:\%(:\)\@!/
" .field (a keyword may be a field's name).
syn match scoutFieldDot /\./ nextgroup=scoutField skipwhite
syn match scoutField /\h\w*\|\d\+/ contained

" --- Literals ---------------------------------------------------------------------------

syn match scoutOperator +\*\*\|[-+*/%]\|==\|!=\|<=\|>=\|[<>]\|&&\|||\|!\|??\|=+
syn match scoutNumber /\<\d[0-9_]*\>/
syn match scoutFloat /\<\d[0-9_]*\.\d[0-9_]*\>/
syn match scoutInvalidNumber /\<\d[0-9_]*\%(\.\d[0-9_]*\)\=\a\w*/
syn match scoutDuration /\<\d[0-9_]*\%(\.\d[0-9_]*\)\=\%(ms\|s\|m\|h\)\>/

" Escapes: \n \t \r \0 \" \\ \$ \u{2713}, and a backslash ending the line; others are errors.
syn match scoutEscapeError /\\./ contained
syn match scoutEscape /\\\%([ntr0"\\$]\|u{\x\{1,8}}\|$\)/ contained

" ${expression}: code inside a string; it may hold strings of its own, and maps.
syn region scoutInterpolation matchgroup=scoutInterpolationDelimiter start=/\${/ end=/}/ end=/$/ contained contains=@scoutExpression
syn region scoutMultiInterpolation matchgroup=scoutInterpolationDelimiter start=/\${/ end=/}/ contained contains=@scoutExpression
syn region scoutBraces start=/{/ end=/}/ contained transparent contains=@scoutExpression

" "..." ends on its line (a backslash ending the line joins the next one); '...' is raw
" (only \' is special, and ${ is an error there).
syn region scoutString start=/"/ skip=/\\./ end=/"/ end=/\\\@<!$/ end=/\%(\\\\\)\@<=$/ contains=scoutEscapeError,scoutEscape,scoutInterpolation,@Spell
syn region scoutRawString start=/'/ skip=/\\'/ end=/'/ end=/$/ contains=scoutRawEscape,scoutRawError,@Spell
syn match scoutRawEscape /\\'/ contained
syn match scoutRawError /\${/ contained
syn region scoutMultiString start=/"""/ skip=/\\./ end=/"""/ contains=scoutEscapeError,scoutEscape,scoutMultiInterpolation,@Spell

" --- Comments ---------------------------------------------------------------------------

syn keyword scoutTodo TODO FIXME XXX NOTE contained
syn match scoutComment /#.*$/ contains=scoutTodo,@Spell
syn match scoutShebang /\%^#!.*$/

syn cluster scoutExpression contains=scoutComment,scoutString,scoutMultiString,scoutRawString,scoutNumber,scoutFloat,scoutInvalidNumber,scoutDuration,scoutBoolean,scoutNull,scoutWordOperator,scoutClause,scoutStatement,scoutConditional,scoutFunctionCall,scoutBuiltinFunction,scoutOperator,scoutLabel,scoutFieldDot,scoutBraces

hi def link scoutComment                Comment
hi def link scoutShebang                PreProc
hi def link scoutTodo                   Todo
hi def link scoutString                 String
hi def link scoutMultiString            String
hi def link scoutRawString              String
hi def link scoutEscape                 SpecialChar
hi def link scoutRawEscape              SpecialChar
hi def link scoutEscapeError            Error
hi def link scoutRawError               Error
hi def link scoutInterpolationDelimiter Delimiter
hi def link scoutNumber                 Number
hi def link scoutFloat                  Float
hi def link scoutDuration               Number
hi def link scoutInvalidNumber          Error
hi def link scoutBoolean                Boolean
hi def link scoutNull                   Constant
hi def link scoutConditional            Conditional
hi def link scoutRepeat                 Repeat
hi def link scoutStatement              Statement
hi def link scoutDeclaration            Keyword
hi def link scoutClause                 Keyword
hi def link scoutWordOperator           Operator
hi def link scoutOperator               Operator
hi def link scoutCommand                Function
hi def link scoutUserCommand            Function
hi def link scoutBuiltinFunction        Function
hi def link scoutFunctionCall           Function
hi def link scoutTaskName               Function
hi def link scoutPolicy                 Function
hi def link scoutDefinition             Identifier
hi def link scoutParameter              Identifier
hi def link scoutLabel                  Identifier
hi def link scoutDelimiter              Delimiter

let b:current_syntax = 'scout'

let &cpo = s:cpo_save
unlet s:cpo_save
