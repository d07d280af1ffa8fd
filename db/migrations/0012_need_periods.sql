-- A need over a period ("du 20 au 27 décembre"): its last day (issue 15, 4). Null: one day or none.
ALTER TABLE "help_requests" ADD COLUMN "needed_until" text;