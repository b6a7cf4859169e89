"""Events: meetings, seminars, conferences and the reservists involved in them (clause 8.2)."""
