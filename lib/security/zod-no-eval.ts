// Zod compiles fast object parsers with `new Function` where it may. In the browser the
// Content-Security-Policy (no 'unsafe-eval' in production) refuses that, and the browser reports a
// violation even though Zod then falls back quietly; so in the browser Zod is told not to try. The
// server keeps the compiled parsers. Imported first by every module that defines schemas for forms.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
