"""Users and the audit trail (Пайдаланушылар / Пользователи, Аудит): signing in, passwords, the Users page of the
administrators and the Audit page of everyone."""
