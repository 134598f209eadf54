-- Administrators are moderators who may also disable or enable other moderators (web page).
ALTER TABLE register_moderators ADD COLUMN IF NOT EXISTS is_admin BOOLEAN DEFAULT FALSE;
