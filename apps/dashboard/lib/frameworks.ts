/** What each SDK reads from the environment, as `hexclave init` writes it into `.env.local`. */
export type Framework = {
  id: "nextjs" | "react" | "js" | "tanstack-start";
  label: string;
  packageName: string;
  env: { projectId: string; publishableClientKey: string; secretServerKey?: string; apiUrl: string };
  steps: { title: string; code?: string }[];
};

export const FRAMEWORKS: Framework[] = [
  {
    id: "nextjs",
    label: "Next.js",
    packageName: "@hexclave/next",
    env: {
      projectId: "NEXT_PUBLIC_HEXCLAVE_PROJECT_ID",
      publishableClientKey: "NEXT_PUBLIC_HEXCLAVE_PUBLISHABLE_CLIENT_KEY",
      secretServerKey: "HEXCLAVE_SECRET_SERVER_KEY",
      apiUrl: "NEXT_PUBLIC_HEXCLAVE_API_URL",
    },
    steps: [
      { title: "In your Next.js App Router project, run the setup command. It installs @hexclave/next and writes hexclave.config.ts, the app files, the provider and the /handler route.", code: "npx @hexclave/cli@latest init" },
      { title: "Put the settings of step 1 in .env.local." },
      { title: "Start your app and open /handler/sign-up.", code: "npm run dev" },
    ],
  },
  {
    id: "react",
    label: "React",
    packageName: "@hexclave/react",
    env: { projectId: "VITE_HEXCLAVE_PROJECT_ID", publishableClientKey: "VITE_HEXCLAVE_PUBLISHABLE_CLIENT_KEY", apiUrl: "VITE_HEXCLAVE_API_URL" },
    steps: [
      { title: "In your React (Vite) project, run the setup command. It installs @hexclave/react and writes the client app and the provider.", code: "npx @hexclave/cli@latest init" },
      { title: "Put the settings of step 1 in .env.local (a browser app gets no secret key)." },
      { title: "Start your app.", code: "npm run dev" },
    ],
  },
  {
    id: "js",
    label: "JavaScript",
    packageName: "@hexclave/js",
    env: {
      projectId: "HEXCLAVE_PROJECT_ID",
      publishableClientKey: "HEXCLAVE_PUBLISHABLE_CLIENT_KEY",
      secretServerKey: "HEXCLAVE_SECRET_SERVER_KEY",
      apiUrl: "HEXCLAVE_API_URL",
    },
    steps: [
      { title: "In your Node.js or browser project, run the setup command. It installs @hexclave/js and writes the client and server app files.", code: "npx @hexclave/cli@latest init" },
      { title: "Put the settings of step 1 in the environment (.env.local)." },
      { title: "Use the server app anywhere in your server code.", code: 'import { hexclaveServerApp } from "./hexclave/server";\n\nconst users = await hexclaveServerApp.listUsers({ limit: 10 });' },
    ],
  },
  {
    id: "tanstack-start",
    label: "TanStack Start",
    packageName: "@hexclave/tanstack-start",
    env: {
      projectId: "HEXCLAVE_PROJECT_ID",
      publishableClientKey: "HEXCLAVE_PUBLISHABLE_CLIENT_KEY",
      secretServerKey: "HEXCLAVE_SECRET_SERVER_KEY",
      apiUrl: "HEXCLAVE_API_URL",
    },
    steps: [
      { title: "In your TanStack Start project, run the setup command. It installs @hexclave/tanstack-start and writes the app files, the provider and the /handler route.", code: "npx @hexclave/cli@latest init" },
      { title: "Put the settings of step 1 in .env.local; the server reads them and hands the browser the public ones." },
      { title: "Start your app and open /handler/sign-up.", code: "npm run dev" },
    ],
  },
];

export type EnvValues = { projectId: string; publishableClientKey?: string; secretServerKey?: string; apiUrl?: string };

/** The `.env.local` lines for a framework; keys not at hand are left as placeholders to fill in. */
export function envLines(framework: Framework, values: EnvValues): string {
  const lines = [
    `${framework.env.projectId}=${values.projectId}`,
    `${framework.env.publishableClientKey}=${values.publishableClientKey ?? "<your publishable client key>"}`,
  ];
  if (framework.env.secretServerKey) lines.push(`${framework.env.secretServerKey}=${values.secretServerKey ?? "<your secret server key>"}`);
  if (values.apiUrl) lines.push("# Only for a self-hosted Hexclave:", `${framework.env.apiUrl}=${values.apiUrl}`);
  return lines.join("\n");
}
