"""Consultations and support: the mentor's help, next steps, private notes and the reservist's requests (clauses 8.4–8.7)."""
