-- Run once by the postgres image when its data volume is first initialised
-- (docker-compose.yml mounts it into /docker-entrypoint-initdb.d/). Each service owns one
-- database; the migrate jobs' `createdb` would create a missing one too.
CREATE DATABASE cse_identity;
CREATE DATABASE cse_applications;
CREATE DATABASE cse_evaluation;
CREATE DATABASE cse_registry;
CREATE DATABASE cse_cpd;
CREATE DATABASE cse_notifications;
