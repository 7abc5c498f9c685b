// The floors of `pnpm bench`: a bare Hono route, and a minimal one that verifies an ES256 JWT and does one
// primary-key SELECT — the least work any /users/me can do. Run as its own process, like the backend.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { type JWK, importJWK, jwtVerify } from "jose";
import pg from "pg";

const { FLOOR_PORT, DATABASE_URL, JWKS_JSON } = process.env;
const keys = JSON.parse(JWKS_JSON!).keys as (JWK & { kid: string })[];
const publicKeys = new Map(await Promise.all(keys.map(async (k) => [k.kid, await importJWK(k, "ES256")] as const)));
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 20 });

const app = new Hono();
app.get("/bare", (c) => c.json({ ok: true }));
app.get("/me", async (c) => {
  const token = c.req.header("x-hexclave-access-token") ?? "";
  const kid = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).kid;
  const key = publicKeys.get(kid);
  if (!key) return c.text("bad kid", 401);
  const { payload } = await jwtVerify(token, key, { algorithms: ["ES256"] });
  const { rows } = await pool.query("select * from project_users where id = $1", [payload.sub]);
  return c.json(rows[0]);
});
serve({ fetch: app.fetch, port: Number(FLOOR_PORT), hostname: "127.0.0.1" }, () => console.log("floor ready"));
