"""The HTML side of mentorships: readiness, mentors, orders and their templates."""
