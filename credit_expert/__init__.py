"""Credit Expert Daria: a Telegram sales assistant for debt write-off consultations."""
