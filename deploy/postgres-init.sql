-- Run once by the postgres image when its data volume is first initialised
-- (docker-compose.yml mounts it into /docker-entrypoint-initdb.d/). Each package owns one
-- database, created here as a DBA would on a managed PostgreSQL: the migrate jobs only
-- migrate an existing database, they never create one.
CREATE DATABASE cse_identity;
CREATE DATABASE cse_applications;
CREATE DATABASE cse_evaluation;
CREATE DATABASE cse_registry;
CREATE DATABASE cse_cpd;
CREATE DATABASE cse_notifications;
CREATE DATABASE cse_oversight;
