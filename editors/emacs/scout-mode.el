;;; scout-mode.el --- Major mode for Scout pipeline scripts -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "26.1"))
;; Keywords: languages, processes

;; This file is part of the Scout repository and is distributed under the same terms.

;;; Commentary:

;; Editing support for Scout, the scripting language for batch pipelines (.scout files and
;; scripts whose first line is a scout shebang):
;;
;; - font-lock: comments and the shebang, keywords, built-in commands where a statement
;;   starts, task and command names, calls of built-in functions, strings ("...", raw
;;   '...', multi-line """...""") with their escapes and ${...} interpolations (the code
;;   inside highlighted as code, strings nested in it included), durations, numbers,
;;   true/false/null and named arguments (name:);
;; - a syntax table with # comments and strings, and syntax properties that keep an
;;   interpolation's nested strings and """ strings whole;
;; - indentation by bracket depth (`scout-indent-offset', default 2), closing brackets
;;   dedented, continuation lines after a trailing operator or comma; lines inside a
;;   multi-line string are left as they are;
;; - comments with M-; (`comment-start' is "# ");
;; - `scout-check' (C-c C-c) runs "scout check" on the file in a compilation buffer,
;;   whose errors and warnings (FILE:LINE:COL: error: ...) are links.
;;
;; Install: put this file in a directory on `load-path' and (require 'scout-mode), or
;;   (use-package scout-mode :load-path "/path/to/scout/editors/emacs")

;;; Code:

(require 'compile)

(defgroup scout nil
  "Editing Scout pipeline scripts."
  :group 'languages
  :prefix "scout-")

(defcustom scout-indent-offset 2
  "Columns of indentation for each level of brackets in Scout code."
  :type 'integer
  :safe #'integerp
  :group 'scout)

(defcustom scout-program "scout"
  "The scout command that `scout-check' runs."
  :type 'string
  :group 'scout)

(defface scout-escape-face
  '((t :inherit font-lock-constant-face))
  "Face for escapes such as \\n or \\u{2713} in Scout strings."
  :group 'scout)

(defface scout-interpolation-delimiter-face
  '((t :inherit font-lock-preprocessor-face))
  "Face for the ${ and } around an interpolation in a Scout string."
  :group 'scout)

(defface scout-duration-face
  '((t :inherit font-lock-constant-face))
  "Face for durations such as 250ms or 2s in Scout code."
  :group 'scout)

(defface scout-number-face
  '((t :inherit font-lock-constant-face))
  "Face for numbers in Scout code."
  :group 'scout)

(defface scout-label-face
  '((t :inherit font-lock-variable-name-face))
  "Face for named arguments and map keys (name:) in Scout code."
  :group 'scout)

(defconst scout-keywords
  '("let" "task" "parallel" "sequential" "for" "in" "if" "else" "stop" "fail" "command" "use" "param" "import"
    "and" "or" "not" "skip_if" "stop_if" "store" "as" "retry" "timeout" "needs" "extract" "sources" "generates" "on")
  "The keywords of Scout, but for the constants.")

(defconst scout-constants '("true" "false" "null")
  "The constants of Scout.")

(defconst scout-builtin-commands
  '("run" "service" "print" "sleep" "git_status" "git_branch" "git_diff" "git_log" "plan")
  "The commands built into Scout.")

(defconst scout-builtin-functions
  '("len" "contains" "starts_with" "ends_with" "matches" "lower" "upper" "trim" "split"
    "join" "replace" "keys" "values" "range" "env" "exists" "glob" "basename" "dirname"
    "json" "parse_json" "int" "float" "string" "type" "raw" "now" "min" "max" "sort")
  "The functions built into Scout's expressions.")

(defconst scout--name "[[:alpha:]_][[:alnum:]_]*"
  "A regexp for a Scout name.")

;;;; Syntax

(defvar scout-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?# "<" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\' "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?_ "_" table)
    (dolist (c '(?+ ?- ?* ?/ ?% ?< ?> ?= ?! ?& ?| ?? ?: ?, ?\; ?. ?$))
      (modify-syntax-entry c "." table))
    table)
  "Syntax table of `scout-mode'.")

(defun scout--scan-string (start limit)
  "Scan the \"...\" or \"\"\"...\"\"\" string whose first quote is at START.
Scan no further than LIMIT.  Return (END TRIPLE SPANS CLOSED): END is
the position after the closing quotes, or where an unterminated string
stops (its line's end, or LIMIT); TRIPLE is non-nil for a \"\"\" string;
SPANS lists (KIND BEG END), outer before inner, with KIND one of
`escape', `bad-escape', `delimiter', `code', `string' and `comment';
CLOSED is nil for an unterminated string."
  (save-excursion
    (goto-char start)
    (let* ((triple (looking-at "\"\"\""))
           (close (if triple "\"\"\"" "\""))
           (spans '())
           (end nil)
           (closed nil))
      (forward-char (if triple 3 1))
      (while (not end)
        (cond
         ((>= (point) limit) (setq end (point)))
         ((and (not triple) (eq (char-after) ?\n)) (setq end (point)))
         ((looking-at close) (setq end (match-end 0) closed t))
         ((eq (char-after) ?\\)
          (let ((beg (point)))
            (if (looking-at "\\\\\\(?:[ntr0\"\\\\$\n]\\|u{[0-9A-Fa-f]\\{1,8\\}}\\)")
                (progn (goto-char (match-end 0)) (push (list 'escape beg (point)) spans))
              (forward-char (min 2 (- limit (point))))
              (push (list 'bad-escape beg (point)) spans))))
         ((looking-at "\\${")
          (let ((beg (point)))
            (goto-char (match-end 0))
            (let ((inner (scout--scan-interpolation (point) limit triple)))
              (push (list 'delimiter beg (+ beg 2)) spans)
              (push (list 'code (+ beg 2) (nth 1 inner)) spans)
              (dolist (span (nth 3 inner)) (push span spans))
              (when (nth 2 inner)
                (push (list 'delimiter (nth 1 inner) (car inner)) spans))
              (goto-char (car inner))
              (unless (nth 2 inner) (setq end (point))))))
         (t (forward-char 1))))
      (list end triple (nreverse spans) closed))))

(defun scout--scan-interpolation (start limit triple)
  "Scan the code of an interpolation from START, after its ${.
Scan no further than LIMIT; TRIPLE is non-nil inside a \"\"\" string,
where the code may span lines.  Return (END CODE-END CLOSED SPANS):
END is after the closing }, CODE-END before it; CLOSED is nil when the
interpolation is unterminated; SPANS are those of nested strings."
  (save-excursion
    (goto-char start)
    (let ((depth 0) (spans '()) (result nil))
      (while (not result)
        (let ((c (char-after)))
          (cond
           ((or (>= (point) limit) (and (not triple) (eq c ?\n)))
            (setq result (list (point) (point) nil)))
           ((eq c ?{) (setq depth (1+ depth)) (forward-char 1))
           ((eq c ?})
            (if (> depth 0)
                (progn (setq depth (1- depth)) (forward-char 1))
              (setq result (list (1+ (point)) (point) t))))
           ((eq c ?\")
            (let ((inner (scout--scan-string (point) limit)))
              (push (list 'string (point) (car inner)) spans)
              (dolist (span (nth 2 inner)) (push span spans))
              (goto-char (car inner))))
           ((eq c ?\')
            (let ((beg (point)))
              (forward-char 1)
              (while (and (< (point) limit) (not (memq (char-after) '(?\' ?\n))))
                (forward-char (if (looking-at "\\\\'") 2 1)))
              (when (eq (char-after) ?\') (forward-char 1))
              (push (list 'string beg (point)) spans)))
           ((eq c ?#)
            (let ((beg (point)))
              (skip-chars-forward "^\n" limit)
              (push (list 'comment beg (point)) spans)))
           (t (forward-char 1)))))
      (append result (list (nreverse spans))))))

(defun scout--propertize-string (start limit)
  "Give the string at START syntax properties; return its end.
Its quotes become string fences and every quote inside it punctuation,
so that the strings nested in its interpolations stay inside it.  An
unterminated one-line string ends at its line's end.  Scan no further
than LIMIT."
  (let* ((scan (scout--scan-string start limit))
         (end (car scan))
         (triple (nth 1 scan))
         (closed (nth 3 scan))
         (fence (string-to-syntax "|"))
         (punctuation (string-to-syntax ".")))
    (put-text-property start (1+ start) 'syntax-table fence)
    (save-excursion
      (goto-char (1+ start))
      (while (re-search-forward "[\"']" (if closed (1- end) end) t)
        (put-text-property (1- (point)) (point) 'syntax-table punctuation)))
    (cond
     (closed (put-text-property (1- end) end 'syntax-table fence))
     ((and (not triple) (eq (char-after end) ?\n))
      (put-text-property end (1+ end) 'syntax-table fence)))
    (put-text-property start end 'syntax-multiline t)
    end))

(defun scout--syntax-propertize (start end)
  "Apply syntax properties to the strings between START and END."
  (goto-char start)
  (let ((ppss (syntax-ppss)))
    (when (and (nth 3 ppss) (eq (char-after (nth 8 ppss)) ?\"))
      (goto-char (nth 8 ppss))))
  (while (re-search-forward "[\"'#]" end t)
    (let* ((pos (match-beginning 0))
           (ppss (save-excursion (syntax-ppss pos))))
      (unless (or (nth 3 ppss) (nth 4 ppss))
        (pcase (char-after pos)
          (?\" (goto-char (scout--propertize-string pos (point-max))))
          (?# (goto-char (min end (line-end-position))))
          (_
           ;; A raw string: it ends with its line at the latest.
           (goto-char (1+ pos))
           (while (and (< (point) (point-max)) (not (memq (char-after) '(?\' ?\n))))
             (forward-char (if (looking-at "\\\\'") 2 1)))
           (if (eq (char-after) ?\n)
               (put-text-property (point) (1+ (point)) 'syntax-table
                                  (string-to-syntax "\"'"))
             (unless (eobp) (forward-char 1)))))))))

;;;; Font lock

(defun scout--fontify-strings (limit)
  "Highlight escapes and interpolations in the strings up to LIMIT.
A font-lock matcher: it applies the faces itself and returns nil.  The
code of an interpolation loses the string face, so that the keyword
rules after this one highlight it."
  (let ((ppss (syntax-ppss)))
    (when (and (nth 3 ppss) (eq (char-after (nth 8 ppss)) ?\"))
      (goto-char (nth 8 ppss))))
  (while (and (< (point) limit) (search-forward "\"" limit t))
    (let* ((beg (1- (point)))
           (ppss (save-excursion (syntax-ppss beg))))
      (unless (or (nth 3 ppss) (nth 4 ppss))
        (let ((scan (scout--scan-string beg (point-max))))
          (dolist (span (nth 2 scan))
            (let ((face (pcase (car span)
                          ('escape 'scout-escape-face)
                          ('bad-escape 'font-lock-warning-face)
                          ('delimiter 'scout-interpolation-delimiter-face)
                          ('code nil)
                          ('string 'font-lock-string-face)
                          ('comment 'font-lock-comment-face))))
              (put-text-property (nth 1 span) (nth 2 span) 'face face)))
          (goto-char (max (point) (car scan)))))))
  nil)

(defun scout--parameters-end ()
  "Move to the ( of a command's parameters; return the end of the list."
  (backward-char 1)
  (save-excursion
    (condition-case nil
        (progn (forward-sexp 1) (point))
      (scan-error (line-end-position)))))

(defvar scout-font-lock-keywords
  `(("\\`#!.*$" 0 'font-lock-preprocessor-face t)
    (scout--fontify-strings)
    ;; name: (named arguments, map entries): before the keywords, as a keyword may be one.
    (,(concat "\\_<\\(" scout--name "\\)[ \t]*:\\(?:[^:]\\|$\\)") 1 'scout-label-face)
    (,(concat "\\_<\\(task\\|command\\)[ \t]+\\(" scout--name "\\)")
     (1 'font-lock-keyword-face) (2 'font-lock-function-name-face))
    (,(concat "\\_<command[ \t]+" scout--name "[ \t]*(")
     (,(concat "[(,][ \t\n]*\\(" scout--name "\\)")
      (scout--parameters-end) nil (1 'font-lock-variable-name-face)))
    (,(concat "\\_<\\(use\\)[ \t]+\\(" scout--name "\\)")
     (1 'font-lock-keyword-face) (2 'font-lock-builtin-face))
    (,(concat "\\_<\\(let\\|for\\)[ \t]+\\(" scout--name "\\)")
     (1 'font-lock-keyword-face) (2 'font-lock-variable-name-face))
    (,(concat "\\_<\\(store\\)[ \t]+\\(as\\)[ \t]+\\(" scout--name "\\)")
     (1 'font-lock-keyword-face) (2 'font-lock-keyword-face) (3 'font-lock-variable-name-face))
    ("\\_<extract[ \t]+\\(steps\\)\\_>" 1 'font-lock-keyword-face)
    (,(regexp-opt scout-keywords 'symbols) . 'font-lock-keyword-face)
    (,(regexp-opt scout-constants 'symbols) . 'font-lock-constant-face)
    ;; A built-in command where a statement starts: at a line's start, after { or ;.
    (,(concat "\\(?:^\\|[{;]\\)[ \t]*\\(" (regexp-opt scout-builtin-commands 'symbols) "\\)")
     1 'font-lock-builtin-face)
    (,(concat "\\(" (regexp-opt scout-builtin-functions 'symbols) "\\)(") 1 'font-lock-builtin-face)
    ("\\_<[0-9][0-9_]*\\(?:\\.[0-9][0-9_]*\\)?\\(?:ms\\|s\\|m\\|h\\)\\_>" . 'scout-duration-face)
    ("\\_<[0-9][0-9_]*\\(?:\\.[0-9][0-9_]*\\)?\\_>" . 'scout-number-face))
  "Font-lock rules of `scout-mode'.")

;;;; Indentation

(defun scout--in-string-p (pos)
  "Non-nil when POS is inside a string.
At a line's start, that is a multi-line string or a \"...\" string
continued with a backslash."
  (nth 3 (save-excursion (syntax-ppss pos))))

(defun scout--previous-code-line ()
  "Move to the start of the nearest line above with code; nil if none.
Blank lines and lines holding only a comment are skipped."
  (let ((found nil))
    (while (and (not found) (not (bobp)))
      (forward-line -1)
      (back-to-indentation)
      (unless (or (eolp)
                  (and (eq (char-after) ?#) (not (nth 3 (syntax-ppss)))))
        (setq found t)))
    (when found (beginning-of-line))
    found))

(defun scout--last-code-position ()
  "The position of the last character of code on this line, or nil."
  (save-excursion
    (let ((bol (line-beginning-position))
          (ppss (syntax-ppss (line-end-position))))
      (goto-char (if (nth 4 ppss) (nth 8 ppss) (line-end-position)))
      (skip-chars-backward " \t" bol)
      (and (> (point) bol) (1- (point))))))

(defun scout--ends-with-operator-p ()
  "Non-nil when the code on this line ends with an operator or a comma.
Those continue the statement on the next line."
  (let ((pos (scout--last-code-position)))
    (and pos
         (not (nth 3 (save-excursion (syntax-ppss pos))))
         (save-excursion
           (goto-char (1+ pos))
           (looking-back (concat "\\(?:[-+*/%=<>!,:.]\\|&&\\|||\\|\\?\\?"
                                 "\\|\\_<\\(?:and\\|or\\|not\\|in\\)\\)")
                         (line-beginning-position))))))

(defun scout--map-brace-p (pos)
  "Non-nil when the { at POS opens a map rather than a block."
  (save-excursion
    (goto-char pos)
    (skip-chars-backward " \t")
    (let ((before (buffer-substring-no-properties (line-beginning-position) (point))))
      (or (string-match-p "\\`[ \t]*\\'" before)
          (string-match-p "\\(?:[-=(\\[,:+*/%<>!]\\|\\?\\?\\|&&\\|||\\)\\'" before)
          ;; COMMAND { ... }: a command whose first argument is a map.
          (and (string-match (concat "\\`[ \t]*\\(" scout--name "\\)\\'") before)
               (not (member (match-string 1 before) scout-keywords)))))))

(defun scout--statement-start (pos)
  "The start of the line where the statement holding POS starts."
  (save-excursion
    (goto-char pos)
    (beginning-of-line)
    (let ((start (point)))
      (while (and (scout--previous-code-line) (scout--ends-with-operator-p))
        (setq start (point)))
      start)))

(defun scout--calculate-indentation ()
  "The column this line should be indented to."
  (save-excursion
    (beginning-of-line)
    (let* ((ppss (syntax-ppss))
           (open (nth 1 ppss))
           (opener (and open (char-after open)))
           (closing (looking-at "[ \t]*[])}]"))
           (indentation 0))
      (when open
        (let ((base (save-excursion
                      (goto-char (scout--statement-start open))
                      (current-indentation))))
          (setq indentation (if closing base (+ base scout-indent-offset)))))
      (unless (and open closing)
        (let ((in-items (or (memq opener '(?\( ?\[))
                            (and (eq opener ?{) (scout--map-brace-p open))))
              (open-line (and open (save-excursion (goto-char open) (line-beginning-position)))))
          (when (and (scout--previous-code-line)
                     (or (null open-line) (>= (point) open-line))
                     (scout--ends-with-operator-p))
            (let ((last (char-after (scout--last-code-position))))
              (unless (and in-items (memq last '(?, ?:)))
                (setq indentation (+ indentation scout-indent-offset)))))))
      indentation)))

(defun scout-indent-line ()
  "Indent the current line as Scout code.
A line that starts inside a string is text, and is left as it is."
  (interactive)
  (if (scout--in-string-p (line-beginning-position))
      'noindent
    (let ((indentation (scout--calculate-indentation)))
      (if (<= (current-column) (current-indentation))
          (indent-line-to indentation)
        (save-excursion (indent-line-to indentation))))))

;;;; Checking with scout check

(defconst scout-compilation-error-regexp
  '(scout
    "^\\([^ \t\n:]+\\):\\([0-9]+\\):\\([0-9]+\\): \\(?:error\\|\\(warning\\)\\): "
    1 2 3 (4))
  "How `compile' reads scout's diagnostics: FILE:LINE:COL: error: MESSAGE.")

(defconst scout-compilation-file-error-regexp
  '(scout-file "^\\([^ \t\n:]*[./][^ \t\n:]*\\): \\(?:error\\|\\(warning\\)\\): " 1 nil nil (2))
  "How `compile' reads scout's diagnostics without a place: FILE: error: MESSAGE.
The file name must hold a dot or a slash, so that scout's own errors
\(scout: error: cannot read ...) are not taken for a file's.")

(dolist (entry (list scout-compilation-file-error-regexp scout-compilation-error-regexp))
  (setq compilation-error-regexp-alist-alist
        (cons entry (assq-delete-all (car entry) compilation-error-regexp-alist-alist)))
  (add-to-list 'compilation-error-regexp-alist (car entry)))

;;;###autoload
(defun scout-check ()
  "Run \"scout check\" on the current buffer's file in a compilation buffer.
`next-error' then visits each error and warning it reports."
  (interactive)
  (unless buffer-file-name
    (user-error "This buffer is not visiting a file"))
  (compile (concat scout-program " check "
                   (shell-quote-argument (file-name-nondirectory buffer-file-name)))))

;;;; The mode

(defvar scout-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-c") #'scout-check)
    map)
  "Keymap of `scout-mode'.")

;;;###autoload
(define-derived-mode scout-mode prog-mode "Scout"
  "Major mode for editing Scout pipeline scripts.

\\{scout-mode-map}"
  :syntax-table scout-mode-syntax-table
  :group 'scout
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+[ \t]*")
  (setq-local comment-end "")
  (setq-local font-lock-defaults '(scout-font-lock-keywords))
  (setq-local syntax-propertize-function #'scout--syntax-propertize)
  (setq-local parse-sexp-lookup-properties t)
  (setq-local indent-line-function #'scout-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local electric-indent-chars (append '(?\} ?\] ?\)) electric-indent-chars)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.scout\\'" . scout-mode))
;;;###autoload
(add-to-list 'interpreter-mode-alist '("scout" . scout-mode))

(provide 'scout-mode)

;;; scout-mode.el ends here
