package com.communitypulse.tools;

import com.communitypulse.api.domain.Identities;
import com.communitypulse.api.store.Eraser;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Command line for the right to be forgotten (an operator tool, kept out of the api function's jar):
 * {@code TABLE_NAME=... ERASURE_SALT=... java -cp tools/target/tools.jar com.communitypulse.tools.EraseContributor github:583231}.
 * {@code ERASURE_SALT} is the value of the stack's generated {@code ErasureSaltSecret} (the score and welcome functions hash
 * identities with it); it is required, so a forgotten salt never writes markers nobody reads.
 * AWS region, credentials and endpoint come from the usual environment ({@code AWS_REGION},
 * {@code AWS_PROFILE} or keys, {@code AWS_ENDPOINT_URL_DYNAMODB} for the local runner's DynamoDB Local).
 * Exit status 0 erased, 1 nothing known about that id, 2 usage error.
 */
public final class EraseContributor {
    private EraseContributor() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Env.system()));
    }

    static int run(String[] args, Env env) {
        if (args.length != 1 || !Identities.valid(args[0])) {
            System.err.println("usage: EraseContributor <platform:id | platform:@login>   (env TABLE_NAME, AWS_REGION, credentials)");
            return 2;
        }
        if (env.get("TABLE_NAME").isEmpty()) {
            System.err.println("TABLE_NAME is not set: the contributor table's name (stack output TableName)");
            return 2;
        }
        if (env.get("ERASURE_SALT", "").isEmpty()) {
            System.err.println("ERASURE_SALT is not set: the value of the stack's ErasureSaltSecret (output ErasureSaltSecretArn); "
                    + "local runner: the file erasure-salt in its --data directory");
            return 2;
        }
        try (DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build()) {
            Eraser.Report report = new Eraser(dynamo, env.require("TABLE_NAME"), env.require("ERASURE_SALT")).erase(args[0]);
            if (report == null) {
                System.out.println("nothing known about " + args[0]);
                return 1;
            }
            System.out.println("erased person " + report.person() + " (identities " + report.identities() + "): " + report.deleted());
            System.out.println("later deliveries are dropped; to undo, delete the items " + report.markers() + " (sk ERASED)");
            return 0;
        }
    }
}
