import { createContext } from "react";
import type { HexclaveClientApp } from "../lib/apps/client-app.js";

export const HexclaveAppContext = createContext<HexclaveClientApp | null>(null);
