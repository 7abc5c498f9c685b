"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { Countries } from "@/components/overview/countries";
import { UserList } from "@/components/overview/user-list";
import { Loaded, PageHeader } from "@/components/states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useAdminApp, useProject } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

const ActivityChart = dynamic(() => import("@/components/overview/activity-chart"), {
  ssr: false,
  loading: () => (
    <output aria-label="Loading the chart" className="block">
      <Skeleton className="h-64 w-full" />
    </output>
  ),
});

const METHOD_LABELS: Record<string, string> = { password: "Password", otp: "Magic link / code", passkey: "Passkey", anonymous: "Anonymous" };

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Card>
      <CardHeader>
        <CardDescription>{label}</CardDescription>
        <p className="text-3xl font-semibold tabular-nums">{value.toLocaleString("en")}</p>
      </CardHeader>
    </Card>
  );
}

export default function OverviewPage() {
  const app = useAdminApp();
  const project = useProject();
  const metrics = useAsync(() => app.getMetrics(), [app]);
  const base = `/projects/${project.id}`;
  return (
    <>
      <PageHeader title="Overview" description={project.displayName} />
      <Loaded state={metrics} rows={6}>
        {(data) => {
          const signUps = data.dailyUsers.reduce((sum, point) => sum + point.activity, 0);
          const activeToday = data.dailyActiveUsers.at(-1)?.activity ?? 0;
          const methodTotal = data.loginMethods.reduce((sum, method) => sum + method.count, 0);
          return (
            <div className="flex flex-col gap-6">
              <div className="grid gap-4 sm:grid-cols-3">
                <Stat label="Total users" value={data.totalUsers} />
                <Stat label={`Sign-ups, last ${data.dailyUsers.length} days`} value={signUps} />
                <Stat label="Active users today" value={activeToday} />
              </div>
              <Card>
                <CardHeader>
                  <CardTitle>Sign-ups and active users per day</CardTitle>
                </CardHeader>
                <CardContent>
                  {data.totalUsers === 0 ? (
                    <p className="text-sm text-muted-foreground">
                      No users yet. <Link className="text-primary underline" href={`${base}/setup`}>Connect your app</Link> to see them arrive.
                    </p>
                  ) : (
                    <ActivityChart metrics={data} />
                  )}
                </CardContent>
              </Card>
              <div className="grid gap-6 md:grid-cols-3">
                <Card>
                  <CardHeader>
                    <CardTitle>Recent sign-ups</CardTitle>
                  </CardHeader>
                  <CardContent>
                    <UserList users={data.recentlyRegistered} base={base} when={(user) => user.signedUpAt} empty="Nobody has signed up yet." />
                  </CardContent>
                </Card>
                <Card>
                  <CardHeader>
                    <CardTitle>Recently active</CardTitle>
                  </CardHeader>
                  <CardContent>
                    <UserList users={data.recentlyActive} base={base} when={(user) => user.lastActiveAt} empty="Nobody has been active yet." />
                  </CardContent>
                </Card>
                <Card>
                  <CardHeader>
                    <CardTitle>Sign-in methods used</CardTitle>
                  </CardHeader>
                  <CardContent className="flex flex-col gap-6">
                    {methodTotal === 0 ? (
                      <p className="text-sm text-muted-foreground">No sign-in methods in use yet.</p>
                    ) : (
                      <ul className="flex flex-col gap-3 text-sm">
                        {data.loginMethods.map((method) => (
                          <li key={method.method} className="flex flex-col gap-1">
                            <span className="flex justify-between">
                              <span>{METHOD_LABELS[method.method] ?? method.method}</span>
                              <span className="tabular-nums text-muted-foreground">{method.count}</span>
                            </span>
                            <span className="h-1.5 rounded-full bg-muted" aria-hidden>
                              <span className="block h-full rounded-full bg-primary" style={{ width: `${(100 * method.count) / methodTotal}%` }} />
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                    <div className="flex flex-col gap-3">
                      <h3 className="text-sm font-semibold">Top countries</h3>
                      <Countries usersByCountry={data.usersByCountry} />
                    </div>
                  </CardContent>
                </Card>
              </div>
            </div>
          );
        }}
      </Loaded>
    </>
  );
}
