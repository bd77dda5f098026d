;;; emacs-check.el --- drives Emacs 28 + eglot as a user would, in batch mode  -*- lexical-binding: t -*-
;; Emacs starts as it does for a user: packages activated (Debian's elpa-eglot), then the user's
;; init.el (the README's). The file is visited; eglot-ensure connects once the command loop would
;; run post-command-hook; then flymake's diagnostics, eldoc's hover (eglot's documentation
;; function), and M-x eglot-code-actions on the diagnostic, its prompt answered with RET (the
;; default, the quick fix). Writes what it saw as JSON to $RNN_LENS_RESULT.
(require 'json)
(require 'cl-lib)
(package-activate-all)
(load (locate-user-emacs-file "init.el") nil t)

(defvar check-out nil)
(defun check-put (key value) (push (cons key value) check-out))
(defun check-wait (seconds pred)
  "Let timers and the server's output run until PRED or SECONDS."
  (let ((end (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) end))
      (accept-process-output nil 0.05)
      (sit-for 0.05))
    (funcall pred)))
(defun check-line-col (pos)
  (save-excursion (goto-char pos) (vector (1- (line-number-at-pos)) (current-column))))
(defun check-diagnostics ()
  (vconcat (mapcar (lambda (d)
                     (list (cons 'at (check-line-col (flymake-diagnostic-beg d)))
                           (cons 'type (format "%s" (flymake-diagnostic-type d)))
                           (cons 'text (flymake-diagnostic-text d))))
                   (flymake-diagnostics))))

(condition-case err
    (progn
      (switch-to-buffer (find-file-noselect (expand-file-name "stacked.rnn")))
      (check-put 'mode (symbol-name major-mode))
      (run-hooks 'post-command-hook)
      (check-put 'managed (and (check-wait 30 (lambda () (and (bound-and-true-p eglot--managed-mode) (eglot-current-server)))) t))
      (check-put 'command (vconcat (process-command (jsonrpc--process (eglot-current-server)))))
      (check-put 'diagnosed (and (check-wait 30 (lambda () (flymake-diagnostics))) t))
      (check-put 'diagnostics (check-diagnostics))
      ;; eldoc's hover on the first LSTM
      (goto-char (point-min)) (forward-line 2) (forward-char 5)
      (let (hover)
        (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info ""))))
        (check-wait 15 (lambda () hover))
        (check-put 'hover (and hover (substring-no-properties hover))))
      ;; M-x eglot-code-actions on the second LSTM; RET takes the prompt's default
      (goto-char (point-min)) (forward-line 3) (forward-char 5)
      (let ((last-nonmenu-event ?\r))
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (prompt collection &rest args)
                     (check-put 'prompt prompt)
                     (check-put 'offered (vconcat (mapcar #'car collection)))
                     (nth 4 args))))
          (call-interactively #'eglot-code-actions)))
      (check-put 'fixed (buffer-substring-no-properties (point-min) (point-max)))
      ;; The command ends and the user stops typing: post-command-hook, then the idle timers that
      ;; send eglot's didChange and start flymake's check (idle timers never fire in batch mode).
      (run-hooks 'post-command-hook)
      (dolist (timer (copy-sequence timer-idle-list)) (timer-event-handler timer))
      (check-put 'cleared (and (check-wait 30 (lambda () (null (flymake-diagnostics)))) t))
      (check-put 'diagnosticsAfter (check-diagnostics)))
  (error (check-put 'error (error-message-string err))))
;; the server's stderr (eglot keeps it in a buffer), for the test's log
(dolist (b (buffer-list))
  (when (and (getenv "RNN_LENS_EVENTS") (string-match-p "events" (buffer-name b)))
    (with-current-buffer b (write-region nil nil (getenv "RNN_LENS_EVENTS"))))
  (when (string-match-p "stderr" (buffer-name b))
    (message "%s:\n%s" (buffer-name b) (with-current-buffer b (buffer-string)))))
(with-temp-file (getenv "RNN_LENS_RESULT") (insert (json-encode check-out)))
(kill-emacs 0)
