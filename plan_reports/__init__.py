"""The joint report of the mentor and the reservist on the individual plan
(clause 8, point 8.10)."""
