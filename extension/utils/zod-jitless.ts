import { z } from "zod";

// MV3's content security policy forbids `new Function`, which zod's fast parsers use. Every browser
// entry point imports this module first, so the setting is in place before any schema is used.
z.config({ jitless: true });
