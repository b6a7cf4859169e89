"""The pages of the study of legal acts: assignments (list, card and the actions
on it) in `assignments`, tests and question banks in `quizzes`, the fragments
other apps' pages load in `fragments`."""
