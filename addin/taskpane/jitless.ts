import { z } from "zod";

// Imported first by main.tsx: zod must not compile validators with `new Function`, which the
// add-in's content security policy (and Office's hosts) may forbid. ES imports run in order, so
// this runs before any module that builds a schema.
z.config({ jitless: true });
