import { HexclaveHandler } from "@stackframe/tanstack-start";
import { createFileRoute } from "@tanstack/react-router";

export const Route = createFileRoute("/handler/$")({ component: Handler });

function Handler() {
  const { _splat } = Route.useParams();
  return <HexclaveHandler path={_splat ?? ""} fullPage />;
}
