import { HexclaveHandler } from "@stackframe/stack";

export default function Handler(props: { params: Promise<{ stack: string[] }> }) {
  return <HexclaveHandler fullPage routeProps={props} />;
}
