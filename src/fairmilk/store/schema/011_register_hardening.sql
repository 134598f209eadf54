-- Administrators are moderators who may also disable or enable other moderators (web page).
ALTER TABLE register_moderators ADD COLUMN IF NOT EXISTS is_admin BOOLEAN DEFAULT FALSE;

-- Contact details found in public answers, held back for the moderator (JSON [[field, line]]).
ALTER TABLE register_contacts ADD COLUMN IF NOT EXISTS held_back VARCHAR;
