import type { S3Client } from "@aws-sdk/client-s3";
import { type FileStorage, assertFileKey, isFileKey } from "./file-storage";

export type S3Settings = {
  bucket: string;
  region: string;
  /** Unset for AWS itself; the URL of any other S3-compatible server. */
  endpoint: string | undefined;
  /** Unset: the SDK's default chain (environment, instance role, …). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
};

type Sdk = typeof import("@aws-sdk/client-s3");

/** Objects in an S3-compatible bucket, keyed as they are here. The SDK loads on first use, so deployments without S3 never pay for it. */
export function createS3FileStorage(settings: S3Settings): FileStorage {
  let connection: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  const connect = () => {
    connection ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: settings.region,
        endpoint: settings.endpoint,
        // Self-hosted S3 servers (MinIO and the like) rarely have a DNS name per bucket.
        forcePathStyle: settings.endpoint !== undefined,
        credentials: settings.credentials,
      }),
    }));
    return connection;
  };
  return {
    async put(key, bytes, contentType) {
      assertFileKey(key);
      const { sdk, client } = await connect();
      await client.send(new sdk.PutObjectCommand({ Bucket: settings.bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      if (!isFileKey(key)) return null;
      const { sdk, client } = await connect();
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket: settings.bucket, Key: key }));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        // Only a missing object is "no such file": a missing bucket is a setting that is wrong, and must say so.
        if (error instanceof sdk.NoSuchKey || (error as Error).name === "NoSuchKey") return null;
        throw error;
      }
    },
  };
}
