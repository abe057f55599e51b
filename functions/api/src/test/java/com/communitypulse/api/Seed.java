package com.communitypulse.api;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import com.communitypulse.score.DynamoContributorStore;
import com.communitypulse.score.Scorer;
import com.communitypulse.score.ScoringConfig;
import com.communitypulse.score.ScoringService;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A table filled through the real scorer, so the API reads what scoring really writes. */
final class Seed {
    private final ScoringService scoring;

    Seed(DynamoDbClient dynamo, String table) {
        this.scoring = new ScoringService(new DynamoContributorStore(dynamo, table), events -> { },
                new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));
    }

    static DynamoDbClient client(DynamoDbLocal db, ExecutionInterceptor... interceptors) {
        Env env = new Env(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL_DYNAMODB", db.endpoint().toString()));
        return AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB")
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors))).build();
    }

    static void createTable(DynamoDbClient dynamo, String name) {
        CfnTemplate template = CfnTemplate.load(CfnTemplate.locate(Path.of("")));
        TableCreator.create(dynamo, name, CfnTemplate.properties(template.resources().get("ContributorTable")));
    }

    void act(String id, String actor, String login, String type, String ts) {
        act(id, actor, login, CommunityAction.USER, type, ts, null, null, null);
    }

    void act(String id, String actor, String login, String kind, String type, String ts, String thread,
             String threadAuthor, String target) {
        String platform = actor.substring(0, actor.indexOf(':'));
        scoring.handle(new CommunityAction(CommunityAction.EVENT, id, actor, login, kind,
                new ActionContext(platform, type, "octo-org/hello-world", null, null, null, null, null, thread,
                        threadAuthor, target, null), ts));
    }
}
