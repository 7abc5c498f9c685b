import { KnownErrors } from "@stackframe/stack-shared";
import { and, asc, eq, ne } from "drizzle-orm";
import { type Tx, pgConstraint, pgErrorCode } from "../../db/client";
import { contactChannels } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { StatusError } from "../../lib/status-error";
import type { Tenancy } from "../projects/tenancy";
import { normalizeEmail } from "../users/emails";
import { emitUserUpdated, withUserUpdatedEvent } from "../webhooks/payloads";
import { signInFlagsFor } from "./sign-in-flags";

export type ContactChannelRow = typeof contactChannels.$inferSelect;

/** The wire shape of a contact channel. */
export function toContactChannelJson(row: ContactChannelRow) {
  return {
    id: row.id,
    user_id: row.userId,
    type: "email" as const,
    value: row.value,
    is_verified: row.isVerified,
    is_primary: row.isPrimary,
    used_for_auth: row.usedForAuth,
  };
}

export function listContactChannels(db: Tx, tenancy: TenancyRef, filter: { userId?: string; contactChannelId?: string }) {
  return db
    .select()
    .from(contactChannels)
    .where(
      inTenancy(
        tenancy,
        contactChannels,
        filter.userId === undefined ? undefined : eq(contactChannels.userId, filter.userId),
        filter.contactChannelId === undefined ? undefined : eq(contactChannels.id, filter.contactChannelId),
      ),
    )
    .orderBy(asc(contactChannels.createdAt), asc(contactChannels.id));
}

export async function getContactChannel(db: Tx, tenancy: TenancyRef, userId: string, id: string): Promise<ContactChannelRow | null> {
  const [row] = await listContactChannels(db, tenancy, { userId, contactChannelId: id });
  return row ?? null;
}

/** The channel an address signs in with (auth-enabled email), or null; the address is normalised first. */
export async function findSignInChannel(db: Tx, tenancy: TenancyRef, email: string): Promise<ContactChannelRow | null> {
  const [row] = await db
    .select()
    .from(contactChannels)
    .where(
      inTenancy(tenancy, contactChannels, eq(contactChannels.type, "email"), eq(contactChannels.value, normalizeEmail(email)), eq(contactChannels.usedForAuth, true)),
    );
  return row ?? null;
}

/** Another user's sign-in channel with this address, if any: there is at most one, since sign-in addresses are unique. */
export async function findOtherSignInChannel(db: Tx, tenancy: TenancyRef, input: { userId: string; value: string }): Promise<ContactChannelRow | null> {
  const channel = await findSignInChannel(db, tenancy, input.value);
  return channel && channel.userId !== input.userId ? channel : null;
}

export async function requireContactChannel(db: Tx, tenancy: TenancyRef, userId: string, id: string): Promise<ContactChannelRow> {
  const row = await getContactChannel(db, tenancy, userId, id);
  if (!row) throw new StatusError(404, "Contact channel not found.");
  return row;
}

/** Unique violations become the known errors clients expect: a duplicate of the user's own, or another's sign-in address. */
function translateConflict(error: unknown, value: string): never {
  if (pgErrorCode(error) === "23505") {
    const constraint = pgConstraint(error);
    if (constraint === "contact_channels_user_value_unique") throw new StatusError(400, "Contact channel already exists");
    if (constraint === "contact_channels_auth_value_unique") throw new KnownErrors.ContactChannelAlreadyUsedForAuthBySomeoneElse("email", value, false);
  }
  throw error;
}

async function demoteOtherPrimaries(tx: Tx, tenancy: TenancyRef, userId: string, keepId: string | null) {
  await updateInTenancy(
    tx,
    tenancy,
    contactChannels,
    { isPrimary: false },
    eq(contactChannels.userId, userId),
    eq(contactChannels.isPrimary, true),
    ...(keepId === null ? [] : [ne(contactChannels.id, keepId)]),
  );
}

export type NewContactChannel = {
  userId: string;
  value: string;
  usedForAuth: boolean;
  isPrimary?: boolean;
  isVerified?: boolean;
  /** The signed-in user attaches the address (a client request): it signs in only once verified. */
  claimedByUser: boolean;
};

/** A user may not even ask for an address that someone else signs in with (409 at once). */
async function refuseOthersSignInAddress(tx: Tx, tenancy: TenancyRef, userId: string, value: string): Promise<void> {
  const other = await findOtherSignInChannel(tx, tenancy, { userId, value });
  if (other) throw new KnownErrors.ContactChannelAlreadyUsedForAuthBySomeoneElse("email", value, false);
}

/**
 * Adding, changing or removing a channel sends user.updated when it changes what the server API answers for the user
 * (its primary email, that address's verified and sign-in flags), in the change's transaction.
 */
export async function createContactChannel(db: Tx, tenancy: Tenancy, input: NewContactChannel): Promise<ContactChannelRow> {
  const value = normalizeEmail(input.value);
  try {
    return await db.transaction((tx) =>
      withUserUpdatedEvent(tx, tenancy, input.userId, async () => {
        const isVerified = input.isVerified ?? false;
        if (input.usedForAuth && input.claimedByUser) await refuseOthersSignInAddress(tx, tenancy, input.userId, value);
        if (input.isPrimary) await demoteOtherPrimaries(tx, tenancy, input.userId, null);
        const [row] = await insertInTenancy(tx, tenancy, contactChannels, {
          userId: input.userId,
          type: "email",
          value,
          ...signInFlagsFor(input.usedForAuth, { isVerified, claimedByUser: input.claimedByUser }),
          isPrimary: input.isPrimary ?? false,
          isVerified,
        }).returning();
        return row!;
      }),
    );
  } catch (error) {
    translateConflict(error, value);
  }
}

export type ContactChannelChanges = { value?: string; usedForAuth?: boolean; isPrimary?: boolean; isVerified?: boolean; claimedByUser: boolean };

export async function updateContactChannel(db: Tx, tenancy: Tenancy, existing: ContactChannelRow, changes: ContactChannelChanges): Promise<ContactChannelRow> {
  const value = changes.value === undefined ? undefined : normalizeEmail(changes.value);
  // A new address is unproven until verified again, unless a server says otherwise in the same call.
  const valueChanged = value !== undefined && value !== existing.value;
  const isVerified = changes.isVerified ?? (valueChanged ? false : undefined);
  const wantsAuth = changes.usedForAuth ?? (existing.usedForAuth || existing.useForAuthWhenVerified);
  // Only a new claim waits for verification: a user touching another field keeps the sign-in address they have.
  const claimsAnew = changes.claimedByUser && (valueChanged || (changes.usedForAuth === true && !existing.usedForAuth));
  const touchesAuth = changes.usedForAuth !== undefined || valueChanged;
  const flags = touchesAuth ? signInFlagsFor(wantsAuth, { isVerified: isVerified ?? existing.isVerified, claimedByUser: claimsAnew }) : {};
  try {
    return await db.transaction((tx) =>
      withUserUpdatedEvent(tx, tenancy, existing.userId, async () => {
        if (claimsAnew && wantsAuth) await refuseOthersSignInAddress(tx, tenancy, existing.userId, value ?? existing.value);
        if (changes.isPrimary) await demoteOtherPrimaries(tx, tenancy, existing.userId, existing.id);
        const [row] = await updateInTenancy(
          tx,
          tenancy,
          contactChannels,
          { value, ...flags, isPrimary: changes.isPrimary, isVerified },
          eq(contactChannels.id, existing.id),
        ).returning();
        return row!;
      }),
    );
  } catch (error) {
    translateConflict(error, value ?? existing.value);
  }
}

export async function deleteContactChannel(db: Tx, tenancy: Tenancy, row: ContactChannelRow): Promise<void> {
  await db.transaction((tx) =>
    withUserUpdatedEvent(tx, tenancy, row.userId, () => deleteInTenancy(tx, tenancy, contactChannels, eq(contactChannels.id, row.id))),
  );
}

/**
 * A verified address its user asked to sign in with becomes a sign-in address. Another account that holds it without
 * having verified it gives way: an unproven claim never outranks the owner. A verified holder keeps it.
 */
export async function activateRequestedSignIn(tx: Tx, tenancy: Tenancy, channel: { id: string; userId: string; value: string }): Promise<void> {
  const ours = and(eq(contactChannels.id, channel.id), eq(contactChannels.useForAuthWhenVerified, true));
  try {
    // A savepoint: a verification of the same address that commits first makes this one lose on the unique index.
    await tx.transaction(async (savepoint) => {
      const other = await findOtherSignInChannel(savepoint, tenancy, channel);
      if (other && !other.isVerified) {
        await updateInTenancy(savepoint, tenancy, contactChannels, { usedForAuth: false }, eq(contactChannels.id, other.id));
        // The other account's primary email stops signing in: its server view changes too.
        if (other.isPrimary) await emitUserUpdated(savepoint, tenancy, other.userId);
      }
      const flags = other?.isVerified ? { useForAuthWhenVerified: false } : { usedForAuth: true, useForAuthWhenVerified: false };
      await updateInTenancy(savepoint, tenancy, contactChannels, flags, ours);
    });
  } catch (error) {
    if (pgErrorCode(error) !== "23505") throw error;
    // The other verification won: this address stays verified, and is not a sign-in address.
    await updateInTenancy(tx, tenancy, contactChannels, { useForAuthWhenVerified: false }, ours);
  }
}
