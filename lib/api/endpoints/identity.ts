/** Endpoints of this group are declared here as they move into the table (issue #21). */
export {};
