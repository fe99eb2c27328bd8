;;; emacs_test.el --- Tests editors/emacs/scout-mode.el -*- lexical-binding: t; -*-

;;; Commentary:

;; Run from the repository's root by emacs_test.sh:
;;   emacs --batch -Q -l editors/emacs/scout-mode.el -l editors/tests/emacs_test.el
;; Checks the mode's file associations, faces at chosen places of the samples, that
;; indenting each sample (indent-region) leaves it as it is, the indentation of a few
;; snippets, and how compile reads what `scout check' prints.  Exits with 0 when all pass.

;;; Code:

(require 'scout-mode)
(require 'cl-lib)

(defvar scout-test-failures 0)
(defvar scout-test-checks 0)

(defun scout-test-fail (format-string &rest args)
  "Report a failure: FORMAT-STRING with ARGS."
  (setq scout-test-failures (1+ scout-test-failures))
  (princ (concat "FAIL: " (apply #'format format-string args) "\n")))

(defun scout-test-ok (format-string &rest args)
  "Report a passed group of checks: FORMAT-STRING with ARGS."
  (princ (concat "ok: " (apply #'format format-string args) "\n")))

(defun scout-test-expect (what got want)
  "Check that GOT equals WANT; WHAT names the check."
  (setq scout-test-checks (1+ scout-test-checks))
  (unless (equal got want)
    (scout-test-fail "%s: expected %S, got %S" what want got)))

(defun scout-test-visit (file)
  "Visit FILE in scout-mode, fontified, and return its buffer."
  (let ((buffer (find-file-noselect file)))
    (with-current-buffer buffer
      (font-lock-ensure))
    buffer))

(defun scout-test-position (line needle occurrence offset)
  "The position of the OCCURRENCE-th NEEDLE on LINE, plus OFFSET, or nil."
  (save-excursion
    (goto-char (point-min))
    (forward-line (1- line))
    (let ((found t) (eol (line-end-position)))
      (dotimes (_ occurrence)
        (setq found (and found (search-forward needle eol t))))
      (and found (+ (- (point) (length needle)) offset)))))

(defun scout-test-faces-at (pos)
  "The faces at POS, as a list."
  (let ((face (get-text-property pos 'face)))
    (if (and face (listp face)) face (list face))))

(defun scout-test-check-faces (name checks)
  "Check faces in the current buffer (the sample NAME).
CHECKS holds (LINE NEEDLE FACE [OCCURRENCE OFFSET]); FACE nil means no face."
  (dolist (check checks)
    (cl-destructuring-bind (line needle face &optional (occurrence 1) (offset 0)) check
      (let ((pos (scout-test-position line needle occurrence offset))
            (what (format "%s:%d: %S%s" name line needle (if (> offset 0) (format " (+%d)" offset) ""))))
        (setq scout-test-checks (1+ scout-test-checks))
        (cond
         ((null pos) (scout-test-fail "%s: not found on the line" what))
         ((null face)
          (unless (equal (scout-test-faces-at pos) '(nil))
            (scout-test-fail "%s: expected no face, got %S" what (scout-test-faces-at pos))))
         ((not (memq face (scout-test-faces-at pos)))
          (scout-test-fail "%s: expected %S, got %S" what face (scout-test-faces-at pos))))))))

(defconst scout-test-face-checks
  '(("strings.scout"
     (1 "#!" font-lock-preprocessor-face)
     (2 "# Strings" font-lock-comment-face 1 2)
     (4 "let" font-lock-keyword-face)
     (4 "name" font-lock-variable-name-face)
     (4 "\"Scout\"" font-lock-string-face)
     (7 "print" font-lock-builtin-face)
     (7 "hello" font-lock-string-face)
     (7 "${" scout-interpolation-delimiter-face)
     (7 "name" nil)
     (7 "}" scout-interpolation-delimiter-face)
     (7 "len" font-lock-builtin-face)
     (7 "tags:" font-lock-string-face)
     (7 "join" font-lock-builtin-face)
     (7 "\", \"" font-lock-string-face 1 1)
     (7 ")}\"" scout-interpolation-delimiter-face 1 1)
     (7 ")}\"" font-lock-string-face 1 2)
     (8 "'raw" font-lock-string-face)
     (8 "$name" font-lock-string-face)
     (8 "\\n" font-lock-string-face)
     (9 "\\t" scout-escape-face)
     (9 "\\\"" scout-escape-face)
     (9 "\\${" scout-escape-face)
     (9 "\\${" font-lock-string-face 1 2)
     (9 "\\u{2713}" scout-escape-face 1 7)
     (10 "\"\"\"" font-lock-string-face)
     (11 "A multi-line" font-lock-string-face)
     (13 "${" scout-interpolation-delimiter-face)
     (13 "upper" font-lock-builtin-face)
     (14 "\"\"\"" font-lock-string-face)
     (16 "Interpolation" font-lock-comment-face)
     (18 "run" font-lock-builtin-face)
     (21 "raw" font-lock-builtin-face)
     (21 "\"$((6" font-lock-string-face 1 1)
     (23 "\\\"$HOME" scout-escape-face)
     (23 "$HOME" font-lock-string-face))
    ("task-blocks.scout"
     (7 "task" font-lock-keyword-face)
     (7 "build" font-lock-function-name-face)
     (8 "run" font-lock-builtin-face)
     (12 "package" font-lock-function-name-face)
     (12 "if" font-lock-keyword-face)
     (12 "retry" font-lock-keyword-face)
     (12 "1" scout-number-face)
     (13 "timeout" font-lock-keyword-face)
     (13 "30s" scout-duration-face)
     (18 "skip_if" font-lock-keyword-face)
     (19 "stop_if" font-lock-keyword-face)
     (2 "Named" font-lock-comment-face))
    ("retry-and-timeout.scout"
     (7 "use" font-lock-keyword-face)
     (7 "retry" font-lock-builtin-face)
     (7 "max_retries" scout-label-face)
     (7 "10ms" scout-duration-face)
     (7 "50ms" scout-duration-face)
     (9 "quiet" scout-label-face)
     (9 "true" font-lock-constant-face)
     (9 "store" font-lock-keyword-face)
     (9 " as " font-lock-keyword-face 1 1)
     (9 "counter" font-lock-variable-name-face)
     (11 "retry" font-lock-keyword-face)
     (15 "200ms" scout-duration-face))
    ("conditionals.scout"
     (5 "if" font-lock-keyword-face)
     (7 "else" font-lock-keyword-face)
     (14 "for" font-lock-keyword-face)
     (14 "in" font-lock-keyword-face)
     (14 "null" font-lock-constant-face)
     (15 "json" font-lock-builtin-face))
    ("functions.scout"
     (8 "\\\\." scout-escape-face)
     (11 "1.5" scout-number-face)
     (15 "1500ms" scout-duration-face)
     (15 "90s" scout-duration-face)
     (15 "1m" scout-duration-face))
    ("user-commands.scout"
     (5 "command" font-lock-keyword-face)
     (5 "greet" font-lock-function-name-face)
     (5 "who" font-lock-variable-name-face)
     (5 "greeting" font-lock-variable-name-face)
     (5 "\"hello\"" font-lock-string-face)
     (14 "who" scout-label-face))
    ("service.scout"
     (14 "service" font-lock-builtin-face)
     (15 "run" font-lock-builtin-face))
    ("guide-4-sub-batch.scout"
     (7 "'PLAN'" font-lock-string-face)
     (8 "# Add" font-lock-string-face)
     (13 "extract" font-lock-keyword-face)
     (13 "steps" font-lock-keyword-face)
     (13 "plan" font-lock-variable-name-face)
     (15 "print" font-lock-builtin-face)))
  "Faces expected at chosen places of the samples.")

(defconst scout-test-indent-cases
  '(("let m = {\na: 1,\nb: [\n1,\n2\n],\n}\nprint m\n"
     "let m = {\n  a: 1,\n  b: [\n    1,\n    2\n  ],\n}\nprint m\n")
    ("print \"a\",\n\"b\",\n\"c\"\nprint \"d\"\n"
     "print \"a\",\n  \"b\",\n  \"c\"\nprint \"d\"\n")
    ("task deploy if lint.ok &&\ntest.ok {\nrun \"make deploy\"\n}\n"
     "task deploy if lint.ok &&\n  test.ok {\n  run \"make deploy\"\n}\n")
    ("if x {\nrun foo(1,\n2)\n# a comment {\nprint \"{ [ (\"\n} else {\nprint {\na: 1\n}\n}\n"
     "if x {\n  run foo(1,\n    2)\n  # a comment {\n  print \"{ [ (\"\n} else {\n  print {\n    a: 1\n  }\n}\n")
    ("parallel {\ntask a { run \"x\" }\ntask b needs a {\nrun [\n\"echo\",\n\"b\"\n]\n}\n}\n"
     "parallel {\n  task a { run \"x\" }\n  task b needs a {\n    run [\n      \"echo\",\n      \"b\"\n    ]\n  }\n}\n")
    ("for f in files {\nrun \"\"\"\n    keep\n  this\n  \"\"\"\nprint f\n}\n"
     "for f in files {\n  run \"\"\"\n    keep\n  this\n  \"\"\"\n  print f\n}\n")
    ("print \"${json({a: \"}\"})} # not a comment {\"\nprint 1\n"
     "print \"${json({a: \"}\"})} # not a comment {\"\nprint 1\n")
    ("if x {\nprint \"one \\\n      two\"\nprint \"\"\"\n\"quoted\" text\n\"\"\"\n}\n"
     "if x {\n  print \"one \\\n      two\"\n  print \"\"\"\n\"quoted\" text\n\"\"\"\n}\n"))
  "Snippets and how they indent.")

(defconst scout-test-check-output
  (concat "deploy.scout:7:28: error: 'verison' is never defined\n"
          "  |\n"
          "7 | run \"make deploy VERSION=${verison}\"\n"
          "  |                            ^^^^^^^\n"
          "  = help: did you mean 'version'?\n"
          "\n"
          "ci/build.scout:12:4: warning: 'flag' is never defined\n"
          "   |\n"
          "12 | if flag {\n"
          "   |    ^^^^\n"
          "\n"
          "deploy.scout: error: a diagnostic without a place\n"
          "\n"
          "scout: error: cannot read nope.scout: no such file\n"
          "3 errors, 1 warning\n")
  "What `scout check' prints, captured.")

(defun scout-test-modes ()
  "File associations, comment settings."
  (let ((buffer (find-file-noselect "samples/strings.scout")))
    (with-current-buffer buffer
      (scout-test-expect "mode of samples/strings.scout" major-mode 'scout-mode)
      (scout-test-expect "comment-start" comment-start "# ")
      (scout-test-expect "indent-line-function" indent-line-function 'scout-indent-line)
      (scout-test-expect "scout-indent-offset" scout-indent-offset 2)
      (scout-test-expect "derived from prog-mode" (and (derived-mode-p 'prog-mode) t) t)
      ;; comment-region uses "# ".
      (let ((text (buffer-string)))
        (comment-region (point-min) (save-excursion (goto-char (point-min)) (forward-line 4) (point)))
        (goto-char (point-min))
        (forward-line 3)
        (scout-test-expect "comment-region on a line" (buffer-substring (point) (line-end-position))
                           "# let name = \"Scout\"")
        (erase-buffer)
        (insert text)
        (set-buffer-modified-p nil)))
    (kill-buffer buffer))
  (let ((file (make-temp-file "scout-shebang")))
    (with-temp-file file (insert "#!/usr/bin/env scout\nprint \"hi\"\n"))
    (let ((buffer (find-file-noselect file)))
      (scout-test-expect "mode of a script with a scout shebang"
                         (buffer-local-value 'major-mode buffer) 'scout-mode)
      (kill-buffer buffer))
    (delete-file file))
  (scout-test-ok "auto-mode-alist, interpreter-mode-alist and comments"))

(defun scout-test-faces ()
  "Faces at chosen places."
  (dolist (entry scout-test-face-checks)
    (let ((buffer (scout-test-visit (concat "samples/" (car entry)))))
      (with-current-buffer buffer
        (scout-test-check-faces (car entry) (cdr entry)))
      (kill-buffer buffer)))
  (with-temp-buffer
    (insert "print \"${json({a: \"}\"})}\" # after\nlet x = 1 # a \"quote\n"
            "print \"one \\\n  two\" store as x\nprint \"unterminated\nlet z = 2\n")
    (scout-mode)
    (font-lock-ensure)
    (scout-test-check-faces "snippet"
                            '((1 "json" font-lock-builtin-face)
                              (1 "a:" scout-label-face)
                              (1 "\"}\"" font-lock-string-face 1 1)
                              (1 "})}" scout-interpolation-delimiter-face 1 2)
                              (1 "after" font-lock-comment-face)
                              (2 "let" font-lock-keyword-face)
                              (2 "quote" font-lock-comment-face)
                              (3 "\\" scout-escape-face)
                              (4 "two" font-lock-string-face)
                              (4 "store" font-lock-keyword-face)
                              (5 "unterminated" font-lock-string-face)
                              (6 "let" font-lock-keyword-face))))
  (scout-test-ok "faces at chosen places of %d samples" (length scout-test-face-checks)))

(defun scout-test-indentation ()
  "indent-region leaves every sample as it is; the snippets indent as expected."
  (let ((samples (directory-files "samples" t "\\.scout\\'")))
    (when (null samples) (scout-test-fail "no samples/*.scout found"))
    (dolist (file samples)
      (with-temp-buffer
        (insert-file-contents file)
        (scout-mode)
        (let ((before (buffer-string)))
          (indent-region (point-min) (point-max))
          (setq scout-test-checks (1+ scout-test-checks))
          (unless (equal (buffer-string) before)
            (let ((old (split-string before "\n")) (new (split-string (buffer-string) "\n")) (n 1))
              (while (and old new (equal (car old) (car new)))
                (setq old (cdr old) new (cdr new) n (1+ n)))
              (scout-test-fail "%s:%d: indent-region changed %S into %S"
                               (file-name-nondirectory file) n (car old) (car new)))))))
    (scout-test-ok "indent-region reproduces %d samples" (length samples)))
  (dolist (case scout-test-indent-cases)
    (with-temp-buffer
      (insert (car case))
      (scout-mode)
      (indent-region (point-min) (point-max))
      (scout-test-expect (format "indentation of %S" (car case)) (buffer-string) (cadr case))))
  (scout-test-ok "indentation of %d snippets" (length scout-test-indent-cases)))

(defun scout-test-compilation ()
  "The compilation regexps read what `scout check' prints."
  (let ((regexp (nth 1 scout-compilation-error-regexp)))
    (scout-test-expect "the scout entry is in compilation-error-regexp-alist"
                       (and (memq 'scout compilation-error-regexp-alist) t) t)
    (scout-test-expect "the scout entry is in compilation-error-regexp-alist-alist"
                       (assq 'scout compilation-error-regexp-alist-alist) scout-compilation-error-regexp)
    (let ((line "deploy.scout:7:28: error: 'verison' is never defined"))
      (scout-test-expect "the regexp matches an error line" (and (string-match regexp line) t) t)
      (scout-test-expect "file, line, column, warning"
                         (list (match-string 1 line) (match-string 2 line) (match-string 3 line)
                               (match-string 4 line))
                         '("deploy.scout" "7" "28" nil)))
    (let ((line "ci/build.scout:12:4: warning: 'flag' is never defined"))
      (scout-test-expect "the regexp matches a warning line" (and (string-match regexp line) t) t)
      (scout-test-expect "warning group" (match-string 4 line) "warning"))
    (dolist (line '("  |" "7 | run \"make deploy VERSION=${verison}\"" "  = help: did you mean 'version'?"
                    "12 | print \"x.scout:1:2: error: not one\"" "3 errors, 1 warning"))
      (scout-test-expect (format "the regexp ignores %S" line) (string-match-p regexp line) nil))
    (dolist (line '("scout: error: cannot read nope.scout: no such file"))
      (scout-test-expect (format "the file regexp ignores %S" line)
                         (string-match-p (nth 1 scout-compilation-file-error-regexp) line) nil)
      (scout-test-expect (format "the regexp ignores %S" line) (string-match-p regexp line) nil)))
  ;; A compilation buffer over the captured output, with the files it names: next-error
  ;; visits each place.
  (let* ((dir (file-name-as-directory (make-temp-file "scout-compile" t)))
         (default-directory dir)
         (compilation-error-regexp-alist '(scout scout-file)))
    (make-directory (expand-file-name "ci" dir))
    (with-temp-file (expand-file-name "deploy.scout" dir)
      (dotimes (i 6) (insert (format "let line%d = 1\n" (1+ i))))
      (insert "run \"make deploy VERSION=${verison}\"\n"))
    (with-temp-file (expand-file-name "ci/build.scout" dir)
      (dotimes (i 11) (insert (format "# line %d\n" (1+ i))))
      (insert "if flag {\n}\n"))
    (with-current-buffer (get-buffer-create "*scout-check-test*")
      ;; As in a real compilation buffer, the output follows a line about the command.
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert "scout check deploy.scout\n" scout-test-check-output))
      (setq default-directory dir)
      (compilation-mode)
      (setq-local compilation-error-regexp-alist '(scout scout-file))
      (let ((inhibit-read-only t))
        (compilation-parse-errors (point-min) (point-max)))
      (let ((messages '()) (pos (point-min)))
        (while pos
          (let ((message (get-text-property pos 'compilation-message)))
            (when message
              (push (cons (line-number-at-pos pos) (compilation--message->type message)) messages)))
          (setq pos (next-single-property-change pos 'compilation-message)))
        (scout-test-expect "compilation messages (output line . type: 2 error, 1 warning)"
                           (nreverse messages) '((2 . 2) (8 . 1) (13 . 2))))
      (setq next-error-last-buffer (current-buffer))
      (goto-char (point-min)))
    (let ((places '()))
      (dotimes (i 2)
        (save-window-excursion
          (if (= i 0) (first-error) (next-error))
          (with-current-buffer (window-buffer (selected-window))
            (save-excursion
              (goto-char (window-point (selected-window)))
              (push (list (and buffer-file-name (file-relative-name buffer-file-name dir))
                          (line-number-at-pos) (1+ (current-column)))
                    places)))))
      (scout-test-expect "next-error visits" (nreverse places)
                         '(("deploy.scout" 7 28) ("ci/build.scout" 12 4))))
    (kill-buffer "*scout-check-test*")
    (delete-directory dir t))
  (scout-test-ok "compilation"))

(defun scout-test-main ()
  "Run every check; exit 0 when all passed."
  (condition-case error
      (let ((inhibit-message t))
        (scout-test-modes)
        (scout-test-faces)
        (scout-test-indentation)
        (scout-test-compilation))
    (error (scout-test-fail "error: %S" error)))
  (princ (format "%d checks, %d failures\n" scout-test-checks scout-test-failures))
  (kill-emacs (if (> scout-test-failures 0) 1 0)))

(scout-test-main)

;;; emacs_test.el ends here
