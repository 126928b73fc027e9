
-- 0006, publishing without re-rendering: a hash of everything a rendition was rendered from (renderer
-- version, feed definition, public URL, the published records). Renderers are deterministic, so an equal
-- key means equal bytes: a refresh that changed nothing skips rendering (CPU is what binds on Workers).
ALTER TABLE renditions ADD COLUMN input_key TEXT;
