"""The reservist's timeline: plans, events, internships and consultations in one chronological view."""
