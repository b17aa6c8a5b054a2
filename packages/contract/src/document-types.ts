// The shape of an OpenAPI document as the kit reads it. Types only: safe anywhere.
export type JsonObject = Record<string, unknown>;

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info: JsonObject & { version: string };
  paths: Record<string, Record<string, JsonObject>>;
  components: JsonObject & { schemas: Record<string, JsonObject>; examples: Record<string, JsonObject> };
}
