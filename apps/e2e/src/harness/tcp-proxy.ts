import { type Server, type Socket, connect, createServer } from "node:net";
import { freePort } from "./backend-process";

export type TcpProxy = {
  port: number;
  /** Drops every connection and refuses new ones, as a database that went away does. */
  cut: () => Promise<void>;
  /** Accepts connections again, on the same port. */
  restore: () => Promise<void>;
};

/** A loopback TCP proxy to `target`, to take a service away from a backend and give it back. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const restore = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((incoming) => {
        const upstream = connect(target.port, target.host);
        track(incoming);
        track(upstream);
        incoming.pipe(upstream).pipe(incoming);
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
      for (const socket of sockets) socket.destroy();
    });
  await restore();
  return { port, cut, restore };
}
