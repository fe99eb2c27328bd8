" Scout pipeline scripts: *.scout, and files whose first line is a scout shebang
" (#!/usr/bin/env scout, #!/usr/local/bin/scout).
autocmd BufRead,BufNewFile *.scout setfiletype scout
autocmd BufRead,BufNewFile * if getline(1) =~# '^#!.*\<scout\>' | setfiletype scout | endif
