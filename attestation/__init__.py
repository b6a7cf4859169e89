"""The attestation commission: its composition by orders, sessions, the mentor's
invitation and attendance, the materials pack, votes, decisions and minutes
(clause 8, point 8.9)."""
