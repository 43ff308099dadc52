/** A custom template as a team would keep it in `.blueprints/api-blueprint.md`. */
export const apiTemplate = `# API Blueprint: [API Name]

## Endpoints

**Every endpoint the API offers.**

[Endpoint list]

## Errors

**How failures are reported.**

[Error format]

---

**Blueprint Status**: [Draft/Review/Approved]
**Last Updated**: [Date]
**Author**: [Name]
`;

/** A blueprint following it, with one placeholder left (line 11, columns 1–15). */
export const paymentsApi = `# API Blueprint: Payments

## Endpoints

**Every endpoint the API offers.**

POST /payments creates a payment.

## Errors

[Error format]

---

**Blueprint Status**: Review
**Last Updated**: 2026-11-20
**Author**: Ada Lovelace
`;
